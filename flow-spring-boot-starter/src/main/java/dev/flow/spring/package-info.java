/**
 * Flow's Spring Boot starter: {@link dev.flow.spring.FlowAutoConfiguration} gives a {@code
 * FlowClient}, the generated stubs and workflow clients as beans, and a {@code Worker} hosting the
 * application's activity and workflow beans, started and stopped with the context, from {@code
 * flow.*} properties ({@link dev.flow.spring.FlowProperties}).
 */
package dev.flow.spring;
