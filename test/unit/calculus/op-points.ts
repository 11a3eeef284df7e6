// One in-domain point per op of the table, from the op fixture.
import { fixtureField } from '../../helpers/op-fixture.js';

export const OP_POINTS = fixtureField('point');
