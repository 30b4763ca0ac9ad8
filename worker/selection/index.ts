export { conventionalTests, selectTests, type ChangedFile, type SelectedTest, type Selection, type SelectionInput } from "./select-tests";
