// Spawn-to-initialize time of an MCP stdio server, measured by the official TypeScript SDK client (@modelcontextprotocol/sdk):
// each run spawns the server through StdioClientTransport, times client.connect() (spawn + initialize request/result +
// initialized notification), closes it, and waits for the process to exit. Prints one JSON line: { runs: [ms...], serverInfo }.
// usage: FLUX2_NODE_DIR=... node mcp-cold-start.mjs <runs> <command> [args...]
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [runsArg, command, ...args] = process.argv.slice(2);
const nodeDir = process.env.FLUX2_NODE_DIR;
if (!runsArg || !command || !nodeDir) {
  console.log(JSON.stringify({ error: "usage: FLUX2_NODE_DIR=... node mcp-cold-start.mjs <runs> <command> [args...]" }));
  process.exit(2);
}

const sdk = join(nodeDir, "node_modules", "@modelcontextprotocol", "sdk", "dist", "esm", "client");
const { Client } = await import(pathToFileURL(join(sdk, "index.js")).href);
const { StdioClientTransport } = await import(pathToFileURL(join(sdk, "stdio.js")).href);

const env = { ...process.env };
const runs = [];
let serverInfo = null;
for (let i = 0; i < Number(runsArg); i++) {
  const client = new Client({ name: "flux2-bench-cold-start", version: "1.0.0" });
  const transport = new StdioClientTransport({ command, args, env, stderr: "ignore" });
  const started = performance.now();
  const timeout = setTimeout(() => {
    console.log(JSON.stringify({ error: `connect timed out on run ${i}`, runs }));
    process.exit(1);
  }, 60_000);
  await client.connect(transport);
  runs.push(Math.round((performance.now() - started) * 10) / 10);
  clearTimeout(timeout);
  serverInfo ??= client.getServerVersion();
  await client.close();
  // Let the process go away before the next spawn, so runs do not overlap on a small machine.
  await new Promise((resolve) => setTimeout(resolve, 150));
}
console.log(JSON.stringify({ runs, serverInfo }));
process.exit(0);
