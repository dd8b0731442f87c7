export * from "./outcome.js";
export * from "./machine.js";
export * from "./digest.js";
export * from "./errors.js";
export * from "./checks.js";
export * from "./clone.js";
export * from "./apply.js";
