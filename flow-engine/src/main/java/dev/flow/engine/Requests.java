package dev.flow.engine;

/** The classes that serve the SWF actions, by area, over one engine. */
record Requests(
    DomainRequests domains,
    TypeRequests types,
    ExecutionRequests executions,
    VisibilityRequests visibility,
    PollRequests polls,
    ActivityWorkerRequests activityWorkers,
    DecisionTaskCompletion decisionTasks) {
  static Requests of(Engine engine) {
    DomainRequests domains = new DomainRequests(engine);
    ExecutionRequests executions = new ExecutionRequests(engine, domains);
    return new Requests(
        domains,
        new TypeRequests(engine, domains),
        executions,
        new VisibilityRequests(engine, domains, executions),
        new PollRequests(engine, domains),
        new ActivityWorkerRequests(engine),
        new DecisionTaskCompletion(engine));
  }
}
