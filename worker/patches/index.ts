export { derivePatch, type Patch, type PatchInput } from "./derive-patch";
export { applyUnifiedDiff, formatUnifiedDiff } from "./format-unified-diff";
export { openAiCompatibleModel, extractDiff, type ChatModel } from "./ask-model-for-patch";
export { applyFileDiff, parseUnifiedDiff } from "./apply-model-diff";
export { proposeRevert, type CommitDetail, type Revert } from "./propose-revert";
