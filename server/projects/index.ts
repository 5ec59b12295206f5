// Entry point of the project store: the list of project folders and the path rules behind it.
export { expandHome, projectIdForPath, type RefusedFolder, resolveProjectPath } from "./paths.js";
export { ProjectStore, type ProjectStoreOptions } from "./project-store.js";
