/** Entry point: only the normalize role. */
import { runProcess } from '../src/runtime/run-process';

void runProcess(['normalize']);
