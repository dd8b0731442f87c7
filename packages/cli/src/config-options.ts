import { readFileSync } from "node:fs";
import { PagefoldError } from "@pagefold/engine";
import { applyRevisionOverrides, mergeConfig, type KernelConfig } from "@pagefold/kernel";

/** `--config FILE` and repeatable `--revision SUBSYSTEM=REV`, applied over a recorded config. */
export interface ConfigOverrides {
  readonly config?: string | undefined;
  readonly revision?: readonly string[] | undefined;
}

/** The recorded (or default) config with the user's overrides applied, in that order. */
export function overrideConfig(base: KernelConfig, overrides: ConfigOverrides): KernelConfig {
  let config = base;
  if (overrides.config !== undefined) {
    const merged = mergeConfig(config, readConfigFile(overrides.config));
    if (!merged.ok) throw configError(overrides.config, merged.path, merged.message);
    config = merged.value;
  }
  if (overrides.revision !== undefined && overrides.revision.length > 0) {
    const revised = applyRevisionOverrides(config, overrides.revision);
    if (!revised.ok) throw configError("--revision", revised.path, revised.message);
    config = revised.value;
  }
  return config;
}

/** True when overrides were given (the run is not the one recorded). */
export function hasOverrides(overrides: ConfigOverrides): boolean {
  return overrides.config !== undefined || (overrides.revision?.length ?? 0) > 0;
}

function readConfigFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (cause) {
    throw new PagefoldError(
      "PFOLD_USAGE",
      `cannot read config file: ${String(cause)}`,
      { file: path },
      { cause },
    );
  }
  try {
    const parsed = JSON.parse(text) as unknown;
    // A scenario-style `{"config": {...}}` file is accepted as well as a bare config object.
    if (
      typeof parsed === "object" &&
      parsed !== null &&
      Object.keys(parsed).length === 1 &&
      "config" in parsed
    ) {
      return parsed.config;
    }
    return parsed;
  } catch (cause) {
    throw new PagefoldError(
      "PFOLD_INPUT_INVALID",
      `config is not JSON: ${String(cause)}`,
      { file: path },
      { cause },
    );
  }
}

function configError(file: string, path: string, message: string): PagefoldError {
  return new PagefoldError(
    "PFOLD_INPUT_INVALID",
    `invalid config: ${path === "" ? "" : `${path} `}${message}`,
    {
      file,
      ...(path === "" ? {} : { field: path }),
    },
  );
}
