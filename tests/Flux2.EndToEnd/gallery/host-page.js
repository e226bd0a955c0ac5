// The browser half of the test host: ext-apps' AppBridge (the host side of MCP Apps) in a page that renders a ui://
// resource in a sandboxed iframe (opaque origin, scripts only) under the CSP the spec tells hosts to build from the
// resource's _meta.ui.csp. Tool calls and resource reads from the view go to the real server through functions that
// gallery-host.mjs exposes on the page (window.mcpCallTool, window.mcpReadResource), i.e. through the official MCP client.
import { AppBridge, PostMessageTransport } from "@modelcontextprotocol/ext-apps/app-bridge";

/** The CSP of the spec's "CSP Construction from Metadata", for an HTML resource's _meta.ui.csp. */
function hostCsp(csp) {
  const resources = (csp?.resourceDomains ?? []).join(" ");
  return [
    "default-src 'none'",
    `script-src 'self' 'unsafe-inline' ${resources}`,
    `style-src 'self' 'unsafe-inline' ${resources}`,
    `connect-src 'self' ${(csp?.connectDomains ?? []).join(" ")}`,
    `img-src 'self' data: ${resources}`,
    `font-src 'self' ${resources}`,
    `media-src 'self' data: ${resources}`,
    `frame-src ${(csp?.frameDomains ?? []).join(" ") || "'none'"}`,
    "object-src 'none'",
    `base-uri ${(csp?.baseUriDomains ?? []).join(" ") || "'self'"}`,
  ].join("; ");
}

function withCsp(html, policy) {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy.replaceAll('"', "&quot;")}">`;
  return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (head) => head + meta) : meta + html;
}

/**
 * Renders the view and hands it the tool call's input and result once it has initialized. Resolves when the view has
 * completed the ui/initialize handshake.
 */
window.startHost = async ({ html, csp, toolInput, toolResult, theme }) => {
  document.documentElement.style.colorScheme = theme;
  const iframe = document.createElement("iframe");
  iframe.id = "view";
  iframe.setAttribute("sandbox", "allow-scripts");
  iframe.title = "MCP App";
  document.getElementById("chat").append(iframe);

  const bridge = new AppBridge(
    null,
    { name: "flux2-e2e-host", version: "1.0.0" },
    { serverTools: {}, serverResources: {}, logging: {}, updateModelContext: { text: {} } },
    { hostContext: { theme, displayMode: "inline", platform: "web", containerDimensions: { maxHeight: 4000, width: 900 } } },
  );
  bridge.oncalltool = (params) => window.mcpCallTool(params);
  bridge.onreadresource = (params) => window.mcpReadResource(params);
  bridge.onupdatemodelcontext = async (params) => {
    window.modelContext = params;
    return {};
  };
  bridge.onloggingmessage = (params) => console.log(`[view] ${JSON.stringify(params)}`);
  bridge.onsizechange = ({ height }) => {
    if (height != null) {
      iframe.style.height = `${height}px`;
    }
  };
  const initialized = new Promise((resolve) => {
    bridge.oninitialized = async () => {
      await bridge.sendToolInput({ arguments: toolInput });
      await bridge.sendToolResult(toolResult);
      resolve();
    };
  });

  // Connect before the view loads so that its ui/initialize finds the bridge listening.
  await bridge.connect(new PostMessageTransport(iframe.contentWindow, iframe.contentWindow));
  iframe.srcdoc = withCsp(html, hostCsp(csp));
  await initialized;
};
