// The grid worker's outbox (issue 13). What she files goes first into IndexedDB with an Idempotency-Key made when
// the draft was created; drafts save as she types. With a signal the outbox sends in order, each item once (the server
// answers a repeated key with the first answer), keeping when and where she captured it. A refused item keeps its
// draft and can be fixed. Sign-out wipes it all (Clear-Site-Data). Only what she typed is kept: nothing police-only.
import { openDB } from "/lib/idb/index.js";

const db = !document.querySelector("form[data-outbox]") ? null : openDB("policegrid-field", 1, {
  upgrade(d) {
    const items = d.createObjectStore("items", { keyPath: "key" });
    items.createIndex("seq", "seq");
  },
});

const FIELDS = { categoryCode: "Input.CategoryCode", title: "Input.Title", description: "Input.Description", address: "Input.Address", lon: "Input.Lon", lat: "Input.Lat" };
const form = document.querySelector("form[data-outbox=event]");
const box = document.getElementById("outbox");
const status = document.querySelector("[data-outbox-status]");
let draft = null;
let justFiled = null; // filed with a signal: once it is sent she is taken to the event, as the form did

async function all() {
  return (await db).getAllFromIndex("items", "seq");
}

async function put(item) {
  await (await db).put("items", item);
}

function read() {
  const body = {};
  for (const [name, field] of Object.entries(FIELDS)) {
    const input = form.elements[field];
    const value = input ? input.value.trim() : "";
    body[name] = name === "lon" || name === "lat" ? (value === "" ? null : Number(value)) : value;
  }
  return body;
}

function fill(body) {
  for (const [name, field] of Object.entries(FIELDS)) {
    const input = form.elements[field];
    if (input && body[name] !== null && body[name] !== undefined) input.value = body[name];
  }
}

function empty(body) {
  return !body.title && !body.description && !body.categoryCode;
}

// The open draft: the one left unsent on this phone (so a form opened twice is one draft, one key), or a new one.
async function openDraft() {
  const open = (await all()).find((i) => i.status === "draft");
  if (open) {
    fill(open.body);
    return open;
  }
  const item = { key: crypto.randomUUID(), seq: Date.now() + Math.random(), kind: "event", status: "draft", body: read(), createdAt: new Date().toISOString() };
  await put(item);
  return item;
}

async function saveDraft() {
  const current = await (await db).get("items", draft.key);
  if (!current || current.status !== "draft") return;
  current.body = read();
  await put(current);
  if (status) status.textContent = form.dataset.saved;
}

async function file(event) {
  const photos = form.querySelector("input[type=file]");
  // A report with photos goes by the form while there is a signal (the photo bytes are not kept on the phone).
  if (photos && photos.files.length > 0 && navigator.onLine) return;
  event.preventDefault();
  const current = (await (await db).get("items", draft.key)) || draft;
  if (current.status === "draft") {
    current.body = read();
    current.status = "waiting";
    current.capturedAt = new Date().toISOString();
    current.seq = Date.now() + Math.random();
    await put(current);
    justFiled = current.key;
  }
  form.reset();
  form.elements["Input.Lon"].value = "";
  form.elements["Input.Lat"].value = "";
  draft = await openDraft();
  if (status) status.textContent = box.dataset.kept;
  await render();
  send();
}

// Sends what waits, in order, one phone-wide sender at a time (a second tab waits for the first).
function send() {
  if (!navigator.onLine) return Promise.resolve();
  const run = async () => {
    let next = null;
    for (const item of await all()) {
      if (item.status !== "waiting" && item.status !== "sending") continue;
      item.status = "sending";
      await put(item);
      await render();
      let response;
      try {
        response = await fetch("/api/events", {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json", "Idempotency-Key": item.key },
          body: JSON.stringify({ ...item.body, capturedAt: item.capturedAt }),
        });
      } catch {
        item.status = "waiting"; // no signal after all: try again when it returns
        await put(item);
        break;
      }
      if (response.ok) {
        const answer = await response.json();
        item.status = "sent";
        item.eventId = answer.id;
        item.number = answer.number;
        if (item.key === justFiled) next = `/events/${answer.id}`;
      } else if (response.status === 400 || response.status === 422) {
        const problem = await response.json().catch(() => ({}));
        item.status = "refused";
        item.problem = [problem.title, ...Object.values(problem.errors || {}).flat()].filter(Boolean).join(" ");
      } else {
        item.status = "waiting"; // signed out, busy or failing: it stays on the phone
        await put(item);
        break;
      }
      await put(item);
      await render();
    }
    await render();
    if (next) location.assign(next);
  };
  return navigator.locks ? navigator.locks.request("policegrid-outbox", run) : run();
}

// A refused item goes back into the form with its key; what she had started instead waits as a draft no more.
async function fix(key) {
  const item = await (await db).get("items", key);
  const current = await (await db).get("items", draft.key);
  if (current && current.status === "draft" && empty(current.body)) await (await db).delete("items", current.key);
  else if (current && current.status === "draft") { current.status = "parked"; await put(current); }
  item.status = "draft";
  item.problem = null;
  await put(item);
  form.reset();
  fill(item.body);
  draft = item;
  await render();
  form.elements["Input.Title"].focus();
}

async function render() {
  // Everything not yet sent, and the last sent ones.
  const shown = (await all()).filter((i) => i.status !== "draft" && i.status !== "parked");
  const recent = new Set(shown.filter((i) => i.status === "sent").slice(-20));
  const items = shown.filter((i) => i.status !== "sent" || recent.has(i));
  box.hidden = items.length === 0;
  const list = box.querySelector("ol");
  list.replaceChildren(...items.map((item) => {
    const li = document.createElement("li");
    li.dataset.status = item.status;
    li.dataset.key = item.key;
    const title = item.eventId ? Object.assign(document.createElement("a"), { href: `/events/${item.eventId}` }) : document.createElement("strong");
    title.textContent = item.number ? `${item.number} ${item.body.title}` : item.body.title;
    const state = Object.assign(document.createElement("span"), { className: `tag ${item.status}`, textContent: box.dataset[item.status] });
    li.append(title, " ", state);
    if (item.status === "refused") {
      li.append(Object.assign(document.createElement("p"), { className: "error", textContent: item.problem || "" }));
      const button = Object.assign(document.createElement("button"), { type: "button", textContent: box.dataset.fix });
      button.addEventListener("click", () => fix(item.key));
      li.append(button);
    }
    return li;
  }));
}

if (form && box && window.indexedDB) {
  draft = await openDraft();
  form.addEventListener("input", saveDraft);
  form.addEventListener("change", saveDraft);
  form.addEventListener("submit", file);
  window.addEventListener("online", send);
  await render();
  send();
}
