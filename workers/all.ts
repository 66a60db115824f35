/** Entry point: every role in HALO_ROLES (default: all four) in one process. */
import { runProcess } from '../src/runtime/run-process';

void runProcess();
