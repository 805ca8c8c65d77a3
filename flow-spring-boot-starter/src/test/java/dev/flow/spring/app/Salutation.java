package dev.flow.spring.app;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** A plain Spring bean the activity depends on, configured by {@code app.salutation}. */
@Component
public class Salutation {
  private final String word;

  public Salutation(@Value("${app.salutation:Hello}") String word) {
    this.word = word;
  }

  public String word() {
    return word;
  }
}
