// Turns typed utterances into Dialogflow ES v2 webhook requests with virtual-google-assistant
// (bespoken's simulator), using the generated agent export in dialogflow/agent/, and posts
// them to a running VoiceCart `POST /google` with the shared secret.
// Usage: node drive.js SCRIPT.json   (prints one JSON line per turn)
//
// Three gaps in virtual-google-assistant 0.3.8 are bridged here, each with the agent's own
// files or Dialogflow's documented behaviour, never with VoiceCart's resolver:
//  - its HTTP invoker sends no headers, so requests go through its `handler` hook to a
//    small forwarder that adds X-VoiceCart-Webhook-Secret (as Dialogflow's fulfillment
//    settings do);
//  - it does not know regexp entities (isRegexp: true): they are taught to it from the
//    agent's entity entries, so "1234" fills @four_digit_code as Dialogflow would;
//  - with no matching sample it plays its first sample of its first intent instead of
//    Dialogflow's fallback: an unmatched utterance goes to "Default Fallback Intent".
// It also sends one fixed session id and an empty user: a request filter gives each
// conversation its own Dialogflow session path, the Google user id and the query text.
"use strict";
const fs = require("fs");
const http = require("http");
const path = require("path");
const crypto = require("crypto");
const vga = require("virtual-google-assistant");
const core = require(require.resolve("virtual-core", {
  paths: [path.dirname(require.resolve("virtual-google-assistant"))],
}));

function forwarder(url, secret) {
  return (request) => new Promise((resolve, reject) => {
    const body = JSON.stringify(request.body);
    const target = new URL(url);
    const req = http.request({
      hostname: target.hostname,
      port: target.port,
      path: target.pathname,
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "Content-Length": Buffer.byteLength(body),
        "X-VoiceCart-Webhook-Secret": secret,
      },
    }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => { text += chunk; });
      res.on("end", () => {
        if (res.statusCode !== 200) {
          reject(new Error(`webhook answered ${res.statusCode}: ${text}`));
          return;
        }
        try { resolve(JSON.parse(text)); } catch (error) { reject(error); }
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

function teachRegexpEntities(model, agentDir) {
  const folder = path.join(agentDir, "entities");
  for (const file of fs.readdirSync(folder)) {
    if (file.includes("_entries_")) { continue; }
    const entity = JSON.parse(fs.readFileSync(path.join(folder, file), "utf8"));
    if (!entity.isRegexp) { continue; }
    const entries = fs.readdirSync(folder)
      .filter((f) => f.startsWith(`${entity.name}_entries_`))
      .flatMap((f) => JSON.parse(fs.readFileSync(path.join(folder, f), "utf8")));
    const patterns = entries.map((e) => new RegExp(`^(?:${e.value})$`));
    const slotType = model.slotTypes.slotType(entity.name);
    slotType.match = (value) => (patterns.some((p) => p.test(value))
      ? new core.SlotMatch(true, value)
      : new core.SlotMatch(false));
  }
}

async function run(script) {
  for (const conversation of script.conversations) {
    const assistant = vga.VirtualGoogleAssistant.Builder()
      .handler(forwarder(script.url, script.secret))
      .directory(script.agent)
      .locale(script.locale || "en-US")
      .create();
    const model = assistant.interactor.interactionModel;
    teachRegexpEntities(model, script.agent);
    const session = `projects/voicecart-e2e/agent/sessions/${crypto.randomUUID()}`;
    let said = "";
    let sent = null;
    assistant.addFilter((request) => {
      request.session = session;
      request.queryResult.queryText = said;
      if (conversation.userId) {
        request.originalDetectIntentRequest.payload = {
          user: { userId: conversation.userId, locale: "en-US" },
          conversation: { conversationId: session.split("/").pop() },
        };
      }
      sent = request;
    });
    for (const step of conversation.steps) {
      let response;
      try {
        if (step.launch) {
          said = "GOOGLE_ASSISTANT_WELCOME";
          response = await assistant.launch();
        } else if (step.intent) {
          said = step.intent;
          response = await assistant.intend(step.intent, step.slots || {});
        } else if (new core.Utterance(model, step.say).matched()) {
          said = step.say;
          response = await assistant.utter(step.say);
        } else {
          said = step.say;
          response = await assistant.intend("Default Fallback Intent");
        }
      } catch (error) {
        console.log(JSON.stringify({ step, error: String(error) }));
        continue;
      }
      const google = (response.payload && response.payload.google) || {};
      const items = (google.richResponse && google.richResponse.items) || [];
      const card = items.find((item) => item.basicCard);
      console.log(JSON.stringify({
        step,
        intent: sent.queryResult.intent.displayName,
        action: sent.queryResult.action || null,
        parameters: sent.queryResult.parameters,
        speech: response.fulfillmentText || "",
        ended: google.expectUserResponse === false,
        card: card ? card.basicCard : null,
        request: script.verbose ? sent : undefined,
        response: script.verbose ? response : undefined,
      }));
    }
  }
}

run(JSON.parse(fs.readFileSync(process.argv[2], "utf8"))).catch((error) => {
  console.error(String((error && error.stack) || error));
  process.exit(1);
});
