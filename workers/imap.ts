/** Entry point: only the imap role. */
import { runProcess } from '../src/runtime/run-process';

void runProcess(['imap']);
