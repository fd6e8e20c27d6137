// Fails the test run when npm scripts are not running on the Node.js major the project targets.
// `npm ci` installs the `node` package (devDependency), which puts a Node 24 binary first on PATH
// for every npm script; this check proves it did.
const REQUIRED_MAJOR = 24;
const major = Number(process.versions.node.split('.')[0]);
console.log(`node ${process.version} (${process.execPath})`);
if (major !== REQUIRED_MAJOR) {
  console.error(`Expected Node.js ${REQUIRED_MAJOR}.x for npm scripts, got ${process.version}. Run \`npm ci\` so that node_modules/.bin/node is installed.`);
  process.exit(1);
}
