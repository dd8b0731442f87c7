#!/usr/bin/env node
// The `pagefold` executable: `pnpm pagefold <command>` runs this file with tsx.
import { main } from "./cli.js";

process.exitCode = main(process.argv.slice(2));
