// The first frame of the blank page is on screen: tell the shell, as the app does.
requestAnimationFrame(() => window.__TAURI__.core.invoke("ready"));
