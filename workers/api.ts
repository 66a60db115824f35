/** Entry point: only the api role. */
import { runProcess } from '../src/runtime/run-process';

void runProcess(['api']);
