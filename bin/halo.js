#!/usr/bin/env node
// The `halo` bin: runs the TypeScript CLI through tsx, as `npm run halo` does.
require('tsx/cjs');
require('../src/cli/main.ts');
