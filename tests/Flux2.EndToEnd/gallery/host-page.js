// The browser half of the test host: ext-apps' AppBridge (the host side of MCP Apps) in a page that renders a ui://
// resource in sandboxed iframes (opaque origin, scripts only) under the CSP the spec tells hosts to build from the
// resource's _meta.ui.csp. Tool calls and resource reads from a view go to the real server through functions that
// gallery-host.mjs exposes on the page (window.mcpCallTool, window.mcpReadResource), i.e. through the official MCP client.
// Like a real host it also answers ui/download-file (the file lands in the test's downloads folder: window.hostDownload),
// ui/open-link (window.hostOpenLink fetches the URL instead of opening a browser tab) and ui/request-display-mode
// (fullscreen: the iframe covers the page), each only where the view's host was told to offer it.
import { AppBridge, PostMessageTransport } from "@modelcontextprotocol/ext-apps/app-bridge";

/** What the views asked of the host, in order: downloads, opened links, display-mode requests, model context. */
window.hostLog = { downloads: [], links: [], displayModes: [], modelContext: null };

const views = new Map();

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

/** The server's answer, or its JSON-RPC error thrown with its code (AppBridge sends the code on to the view). */
async function relayed(answer) {
  const result = await answer;
  if (result?.hostError) {
    throw Object.assign(new Error(result.hostError.message), { code: result.hostError.code });
  }
  return result;
}

function withCsp(html, policy) {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy.replaceAll('"', "&quot;")}">`;
  return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (head) => head + meta) : meta + html;
}

/**
 * Renders the view in a new iframe #view-{id} and hands it the tool call's input and result once it has initialized.
 * features: { downloadFile, openLinks, fullscreen } say what this host offers besides tools, resources, logging and
 * model context. Resolves when the view has completed the ui/initialize handshake.
 */
window.startView = async (options) => {
  const { id, html, meta, toolInput, toolResult, theme, features } = options;
  document.documentElement.style.colorScheme = theme;
  const iframe = document.createElement("iframe");
  iframe.id = `view-${id}`;
  iframe.className = "view";
  iframe.setAttribute("sandbox", "allow-scripts");
  if (meta?.ui?.permissions?.clipboardWrite) {
    iframe.setAttribute("allow", "clipboard-write");
  }
  iframe.title = `MCP App ${id}`;
  document.getElementById("chat").append(iframe);

  const capabilities = { serverTools: {}, serverResources: {}, logging: {}, updateModelContext: { text: {} } };
  if (features.downloadFile) {
    capabilities.downloadFile = {};
  }
  if (features.openLinks) {
    capabilities.openLinks = {};
  }
  const modes = features.fullscreen ? ["inline", "fullscreen"] : ["inline"];
  let context = { theme, displayMode: "inline", availableDisplayModes: modes, platform: "web", containerDimensions: { maxHeight: 4000, width: 900 } };
  const bridge = new AppBridge(null, { name: "flux2-e2e-host", version: "1.0.0" }, capabilities, { hostContext: context });
  bridge.oncalltool = (params) => relayed(window.mcpCallTool(params));
  bridge.onreadresource = (params) => relayed(window.mcpReadResource(params));
  bridge.onupdatemodelcontext = async (params) => {
    window.hostLog.modelContext = params;
    return {};
  };
  bridge.onloggingmessage = (params) => console.log(`[view] ${JSON.stringify(params)}`);
  let inlineHeight = "";
  bridge.onsizechange = ({ height }) => {
    if (height != null) {
      inlineHeight = `${height}px`;
      iframe.style.height = iframe.classList.contains("fullscreen") ? "" : inlineHeight;
    }
  };
  if (features.downloadFile) {
    bridge.ondownloadfile = async ({ contents }) => {
      for (const content of contents) {
        const resource = content.type === "resource" ? content.resource : null;
        const name = decodeURIComponent((resource?.uri ?? content.uri ?? "download").split("/").pop());
        const saved = await window.hostDownload({ view: id, name, mimeType: resource?.mimeType ?? content.mimeType, blob: resource?.blob ?? null, uri: content.uri ?? null });
        window.hostLog.downloads.push({ view: id, name, type: content.type, mimeType: resource?.mimeType ?? content.mimeType ?? null, ...saved });
      }
      return {};
    };
  }
  if (features.openLinks) {
    bridge.onopenlink = async ({ url }) => {
      window.hostLog.links.push({ view: id, url, ...(await window.hostOpenLink(url)) });
      return {};
    };
  }
  bridge.onrequestdisplaymode = async ({ mode }) => {
    window.hostLog.displayModes.push({ view: id, mode });
    if (!modes.includes(mode)) {
      return { mode: context.displayMode };
    }
    iframe.classList.toggle("fullscreen", mode === "fullscreen");
    iframe.style.height = mode === "fullscreen" ? "" : inlineHeight;
    context = {
      ...context,
      displayMode: mode,
      containerDimensions: mode === "fullscreen" ? { width: window.innerWidth, height: window.innerHeight } : { maxHeight: 4000, width: 900 },
    };
    bridge.setHostContext(context);
    return { mode };
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
  views.set(id, { options, bridge, iframe });
  iframe.srcdoc = withCsp(html, hostCsp(meta?.ui?.csp));
  await initialized;
};

/**
 * Reloads a view as a host does when the conversation is opened again: tears the old one down (ui/resource-teardown),
 * removes its iframe, and renders a new one with the same tool input and result.
 */
window.reloadView = async (id) => {
  const view = views.get(id);
  await view.bridge.teardownResource({}).catch(() => {});
  await view.bridge.close().catch(() => {});
  view.iframe.remove();
  views.delete(id);
  await window.startView(view.options);
};
