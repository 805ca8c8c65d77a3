package dev.flow.sample.features;

import dev.flow.Workflow;
import java.util.List;
import org.slf4j.Logger;

public final class ChattyImpl implements Chatty {
  private static final Logger log = Workflow.logger(ChattyImpl.class);
  private final StepsStub steps = new StepsStub();

  public ChattyImpl() {}

  @Override
  public String say(List<String> words) {
    StringBuilder said = new StringBuilder();
    for (String word : words) {
      log.info("chatty says {}", word);
      said.append(steps.echo(word).get());
    }
    return said.toString();
  }
}
