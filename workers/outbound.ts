/** Entry point: only the outbound role. */
import { runProcess } from '../src/runtime/run-process';

void runProcess(['outbound']);
