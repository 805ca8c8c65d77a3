package dev.flow.spring.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A Spring Boot application with one workflow and one activity, hosted by the starter. */
@SpringBootApplication
public class FlowTestApplication {}
