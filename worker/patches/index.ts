export { derivePatch, type Patch, type PatchInput } from "./derive-patch";
export { applyUnifiedDiff, formatUnifiedDiff } from "./format-unified-diff";
