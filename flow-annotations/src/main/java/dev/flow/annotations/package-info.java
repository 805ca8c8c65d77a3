/**
 * The annotations a user puts on workflow and activity interfaces: {@link
 * dev.flow.annotations.Workflow}, {@link dev.flow.annotations.Activity}, {@link
 * dev.flow.annotations.Signal}, and the per-method options {@link
 * dev.flow.annotations.ActivityOptions}, {@link dev.flow.annotations.Idempotent} and {@link
 * dev.flow.annotations.Retry}. The Flow annotation processor reads them at compile time; they are
 * not retained at run time.
 */
package dev.flow.annotations;
