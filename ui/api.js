// The only module that touches window.__TAURI__. Every command is one function here, and
// errors come back as { kind, message } so views can switch on kind.
const tauri = window.__TAURI__;

async function call(command, args = {}) {
  if (!tauri?.core?.invoke) {
    throw { kind: "no_backend", message: "The app backend is not available." };
  }
  try {
    return await tauri.core.invoke(command, args);
  } catch (error) {
    if (error && typeof error === "object" && "kind" in error) throw error;
    throw { kind: "ipc", message: String(error) };
  }
}

export const appInfo = () => call("app_info");
export const preview = (config) => call("preview", { config });
export const getSettings = () => call("get_settings");
export const updateSettings = (patch) => call("update_settings", { patch });
