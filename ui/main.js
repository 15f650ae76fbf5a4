// Start-up: load app info and settings, render the feature switches and the cookie list.
import * as api from "./api.js";

const state = { info: null, config: null };

function showError(error) {
  const box = document.getElementById("error");
  box.textContent = `${error.kind ?? "error"}: ${error.message ?? error}`;
  box.hidden = false;
}

function applyTheme(theme) {
  document.documentElement.dataset.theme = theme;
  document.getElementById("theme").value = theme;
}

function renderFeatures() {
  const list = document.getElementById("features");
  list.replaceChildren();
  const core = document.createElement("li");
  core.className = "feature core";
  core.innerHTML = `<label><input type="checkbox" checked disabled /> <strong></strong></label><p></p>`;
  core.querySelector("strong").textContent = `${state.info.core.name} (always on, needs no consent)`;
  core.querySelector("p").textContent = state.info.core.summary;
  list.append(core);
  for (const feature of state.info.features) {
    const item = document.createElement("li");
    item.className = "feature";
    item.innerHTML = `<label><input type="checkbox" role="switch" /> <strong></strong></label><p></p>`;
    const input = item.querySelector("input");
    input.dataset.feature = feature.id;
    input.checked = state.config.features.includes(feature.id);
    input.addEventListener("change", () => toggle(feature.id, input.checked));
    item.querySelector("strong").textContent = feature.name;
    item.querySelector("p").textContent = feature.summary;
    list.append(item);
  }
}

async function renderPreview() {
  const result = await api.preview(state.config);
  const body = document.querySelector("#cookies tbody");
  body.replaceChildren();
  for (const row of result.cookies) {
    const tr = document.createElement("tr");
    for (const text of [
      row.name + (row.is_pattern ? "*" : ""),
      row.feature,
      row.storage_type,
      row.duration_text.en,
      row.personal_data ? "yes" : "no",
    ]) {
      const td = document.createElement("td");
      td.textContent = text;
      tr.append(td);
    }
    body.append(tr);
  }
  document.getElementById("cookie-count").textContent = String(result.cookies.length);
  document.getElementById("nothing-to-do").hidden = result.cookies.length > 0;
  document.getElementById("cookies").hidden = result.cookies.length === 0;
}

async function toggle(featureId, on) {
  const features = new Set(state.config.features);
  if (on) features.add(featureId);
  else features.delete(featureId);
  state.config.features = [...features];
  try {
    await renderPreview();
  } catch (error) {
    showError(error);
  }
}

async function start() {
  try {
    const [info, settings] = await Promise.all([api.appInfo(), api.getSettings()]);
    state.info = info;
    state.config = { schema_version: 1, account: { id: "default", name: "Default" }, features: [] };
    document.getElementById("app-version").textContent = `v${info.version}`;
    applyTheme(settings.theme);
    document.getElementById("theme").addEventListener("change", async (event) => {
      try {
        const saved = await api.updateSettings({ theme: event.target.value });
        applyTheme(saved.theme);
      } catch (error) {
        showError(error);
      }
    });
    renderFeatures();
    await renderPreview();
  } catch (error) {
    showError(error);
  } finally {
    document.getElementById("app").setAttribute("aria-busy", "false");
    document.body.dataset.ready = "true";
  }
}

start();
