/**
 * The Flow annotation processor. Two processors share one parser: {@link
 * dev.flow.processor.FlowProcessor} writes the code of each {@code @Activity} and {@code @Workflow}
 * interface (stubs, dispatchers, definitions, clients; isolating for Gradle), and {@link
 * dev.flow.processor.FlowManifestProcessor} writes the per-compilation {@code FlowManifest} and
 * {@code FlowWorkerMain} (aggregating). Everything else here is package-private: the parser ({@code
 * InterfaceParser}, with {@code InterfaceMembers} for the methods and their types and {@code
 * OptionsParser} for annotation attributes) turns elements into immutable models, reporting every
 * problem through {@code Diagnostics} with the texts of {@code Messages}; pure generators turn
 * models into JavaPoet files; {@code SourceWriter} writes them, within 100 columns.
 */
package dev.flow.processor;
