#!/usr/bin/env node
// The payspec-mock command. A committed file, so a workspace install can link it before the build.
import "../dist/cli.js";
