/** The workflow's path in a course made by `keyspace new`, and where CI looks for it. */
export const WORKFLOW_FILE = '.github/workflows/course.yml';

/**
 * The files that make a folder a course of its own, beside its lessons/ and exercises/: a
 * package that installs Keyspace (from `keyspace`, an npm spec such as `file:../keyspace` or
 * `github:owner/keyspace`), the TypeScript and Biome settings `keyspace lint` and editors use
 * (Keyspace's, extended by package name, so they hold wherever the folder moves), what git leaves
 * out, and a GitHub Actions workflow that lints, verifies and grades a class.
 */
export function courseTemplate(name: string, keyspace: string): Record<string, string> {
  return {
    'package.json': `${JSON.stringify(
      {
        name,
        private: true,
        type: 'module',
        scripts: {
          start: 'keyspace start',
          dev: 'keyspace start --watch',
          lint: 'keyspace lint',
          verify: 'keyspace verify',
          test: 'keyspace lint && keyspace verify',
        },
        devDependencies: { keyspace },
      },
      null,
      2,
    )}\n`,
    'tsconfig.json': `${JSON.stringify(
      { extends: 'keyspace/tsconfig.course.json', include: ['exercises'] },
      null,
      2,
    )}\n`,
    'biome.json': `${JSON.stringify({ extends: ['keyspace/biome'] }, null, 2)}\n`,
    '.gitignore': `node_modules/
# The preview's own Redis data: the progress of whoever tried the course on this machine.
.keyspace/
# What keyspace grade --batch writes: learners' grades stay out of the course's history.
gradebook.csv
gradebook.json
`,
    [WORKFLOW_FILE]: `# Proves the course on every push: installs Keyspace, type-checks and format-checks the
# exercises' TypeScript, verifies every lesson and exercise, then grades the submissions in
# class/<learner>/<exercise>.ts, if there are any, into gradebook.csv and gradebook.json.
name: Course

on:
  push:
  pull_request:
  workflow_dispatch:

jobs:
  course:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 22
      - name: Install redis-server
        run: sudo apt-get update && sudo apt-get install -y redis-server
      - name: Install Keyspace
        run: npm install --no-audit --no-fund
      - name: Lint
        run: npx keyspace lint
      - name: Verify
        run: npx keyspace verify
      - name: Grade the class
        if: hashFiles('class/**/*.ts') != ''
        run: npx keyspace grade --batch class --out .
      - name: Keep the gradebook
        if: hashFiles('gradebook.csv') != ''
        uses: actions/upload-artifact@v4
        with:
          name: gradebook
          path: gradebook.*
`,
  };
}
