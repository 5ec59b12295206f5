// Entry point of the session layer's test doubles for other layers' tests (the HTTP tests drive the real service).
export { type FakeMethod, FakeProvider, type FakeSendContext, fakeMessage } from "./fake-provider.js";
export { fakeRegistry } from "./fake-registry.js";
