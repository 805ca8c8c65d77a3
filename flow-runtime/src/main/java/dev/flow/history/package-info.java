/**
 * Workflow histories, and every other shape of the Amazon SWF API, as JSON: {@link
 * dev.flow.history.SwfJson}, the codec the embedded engine speaks over HTTP and stores its events
 * with, and that the {@code flow} command line reads and prints histories with. A history written
 * by it reads back in the AWS CLI's tools and in Flow's replay tests, and the AWS CLI's output
 * reads back in it. For saving and reading whole histories, {@link dev.flow.Histories} is shorter.
 */
package dev.flow.history;
