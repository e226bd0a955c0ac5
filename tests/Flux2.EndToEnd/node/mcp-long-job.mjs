// The official TypeScript MCP SDK as a client without Tasks that gives up on a tool call after a few seconds: it starts
// flux2-mcp over stdio (fal pointed at the simulator, whose jobs outlast the client's time-out), calls generate_image with a
// 5 s time-out, gets the job's handle before that, then reads flux2://jobs/{id} until the images are there.
// argv: simulator base URL, dotnet host, flux2-mcp.dll, output folder. Prints one JSON line; exits 0 when every check passed.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { assert, imageKind, run } from "./sdk-common.mjs";

const [simulator, dotnet, serverDll, output] = process.argv.slice(2);
const clientTimeoutMs = 5000;

await run("@modelcontextprotocol/sdk", async () => {
  assert(simulator && dotnet && serverDll && output, "usage: node mcp-long-job.mjs SIMULATOR_URL DOTNET FLUX2_MCP_DLL OUTPUT_DIR");
  const base = simulator.replace(/\/+$/, "");
  const transport = new StdioClientTransport({
    command: dotnet,
    args: [serverDll],
    stderr: "inherit",
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? output,
      DOTNET_CLI_TELEMETRY_OPTOUT: "1",
      Flux2__Provider: "fal",
      Flux2__Providers__fal__ApiKey: "sk-node-long-job-key",
      Flux2__Providers__fal__BaseUrl: `${base}/fal`,
      Flux2__Providers__fal__QueueBaseUrl: `${base}/fal-queue`,
      Flux2__Providers__fal__MaxRetries: "0",
      Flux2__Mcp__MaxWaitSeconds: "2",
      Flux2__Mcp__TaskPollIntervalMs: "500",
      FLUX2_OUTPUT_DIR: output,
      Flux2__Tools__CacheDirectory: `${output}-cache`,
    },
  });
  const client = new Client({ name: "flux2-long-job-check", version: "1.0.0" });
  await client.connect(transport);
  try {
    const started = Date.now();
    const pending = await client.callTool(
      { name: "generate_image", arguments: { prompt: "a lighthouse in a long storm", size: "256x256" } },
      undefined,
      { timeout: clientTimeoutMs },
    );
    const handleAfterMs = Date.now() - started;
    assert(!pending.isError, `the call failed: ${JSON.stringify(pending.content)}`);
    assert(pending.structuredContent?.status === "working", `no pending result: ${JSON.stringify(pending.structuredContent)}`);
    const jobUri = pending.structuredContent.job_uri;
    const link = pending.content.find((c) => c.type === "resource_link");
    assert(link?.uri === jobUri, `the handle is not a resource_link: ${JSON.stringify(pending.content)}`);
    const text = pending.content.find((c) => c.type === "text")?.text ?? "";
    assert(text.includes(jobUri) && text.includes("resources/read"), `the text does not say how to pick it up: ${text}`);

    // The client gave up on the call long ago as far as the job is concerned; it reads the handle until the job is done.
    let document;
    let contents;
    let reads = 0;
    while (Date.now() - started < 90_000) {
      const read = await client.readResource({ uri: jobUri });
      reads++;
      contents = read.contents;
      document = JSON.parse(contents[0].text);
      if (document.status !== "working") {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, document.poll_interval_ms ?? 500));
    }

    assert(document.status === "completed", `the job ended ${document.status}: ${JSON.stringify(document)}`);
    const images = document.result.images;
    assert(images.length === 1, "one image was asked for");
    const blob = contents.find((c) => c.uri === images[0].uri && c.blob);
    assert(blob, "the completed job carries no image blob");
    const bytes = Buffer.from(blob.blob, "base64");
    return {
      handleAfterMs,
      clientTimeoutMs,
      jobUri,
      reads,
      doneAfterMs: Date.now() - started,
      status: document.status,
      image: { uri: images[0].uri, kind: imageKind(bytes), bytes: bytes.length, path: images[0].path },
    };
  } finally {
    await client.close();
  }
});
