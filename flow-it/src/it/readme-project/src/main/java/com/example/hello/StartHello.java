package com.example.hello;

import dev.flow.FlowClient;

/** Starts one Hello workflow and prints its result: {@code StartHello ENGINE DOMAIN NAME}. */
public final class StartHello {
  public static void main(String[] args) {
    try (FlowClient flow = FlowClient.connect(args[0], args[1])) {
      System.out.println(HelloWorkflowClient.create(flow).execute(args[2]));
    }
  }
}
