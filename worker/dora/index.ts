export { computeDora, type DeploymentRecord, type Dora, type DoraInput, type MergedPr } from "./compute-dora";
