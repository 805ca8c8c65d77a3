package dev.flow.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.swf.model.DescribeDomainResponse;
import software.amazon.awssdk.services.swf.model.DomainAlreadyExistsException;
import software.amazon.awssdk.services.swf.model.DomainInfo;
import software.amazon.awssdk.services.swf.model.ListDomainsResponse;
import software.amazon.awssdk.services.swf.model.RegistrationStatus;

/** {@code flow domains list|register|describe}. */
@Command(
    name = "domains",
    description = "List, register and describe SWF domains.",
    subcommands = {
      DomainsCommand.ListDomains.class,
      DomainsCommand.Register.class,
      DomainsCommand.Describe.class
    })
final class DomainsCommand extends CliCommand {
  @Override
  int run() {
    spec.commandLine().usage(err());
    return FlowCli.USAGE;
  }

  static ObjectNode json(DomainInfo d) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("name", d.name());
    o.put("status", d.statusAsString());
    if (d.description() != null) {
      o.put("description", d.description());
    }
    return o;
  }

  /** {@code flow domains list}. */
  @Command(name = "list", description = "The registered domains (--deprecated: the deprecated).")
  static final class ListDomains extends CliCommand {
    @Option(names = "--deprecated", description = "list the deprecated domains instead")
    boolean deprecated;

    @Option(names = "--json", description = "print {\"domains\": [{name, status, description}]}")
    boolean json;

    @Override
    int run() {
      List<DomainInfo> domains = new ArrayList<>();
      try (Engine engine = engine()) {
        String token = null;
        do {
          String page = token;
          ListDomainsResponse r =
              engine
                  .swf()
                  .listDomains(
                      b ->
                          b.registrationStatus(
                                  deprecated
                                      ? RegistrationStatus.DEPRECATED
                                      : RegistrationStatus.REGISTERED)
                              .nextPageToken(page));
          domains.addAll(r.domainInfos());
          token = r.nextPageToken();
        } while (token != null);
      }
      if (json) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode array = root.putArray("domains");
        domains.forEach(d -> array.add(DomainsCommand.json(d)));
        printJson(root);
        return 0;
      }
      Table t = new Table("DOMAIN", "STATUS", "DESCRIPTION");
      domains.forEach(d -> t.row(d.name(), d.statusAsString(), d.description()));
      t.print(out());
      return 0;
    }
  }

  /** {@code flow domains register NAME}. */
  @Command(name = "register", description = "Register a domain (default: the --domain).")
  static final class Register extends CliCommand {
    @Parameters(arity = "0..1", paramLabel = "NAME", description = "the domain [default: --domain]")
    String name;

    @Option(
        names = "--retention",
        paramLabel = "DAYS",
        defaultValue = "7",
        description = "days closed executions are kept (0 to 90) [default ${DEFAULT-VALUE}]")
    int retention;

    @Option(names = "--description", paramLabel = "TEXT", description = "a description")
    String description;

    @Override
    int run() {
      String domain = name != null ? name : root().domain();
      if (retention < 0 || retention > 90) {
        throw CliException.usage("--retention: expected 0 to 90 days, was " + retention);
      }
      try (Engine engine = engine()) {
        engine
            .swf()
            .registerDomain(
                b ->
                    b.name(domain)
                        .workflowExecutionRetentionPeriodInDays(Integer.toString(retention))
                        .description(description));
      } catch (DomainAlreadyExistsException e) {
        throw new CliException(
            "domain '"
                + domain
                + "' is already registered: nothing to do (see flow domains"
                + " describe "
                + domain
                + ")");
      }
      out().println("registered domain " + domain + " (retention " + retention + " days)");
      return 0;
    }
  }

  /** {@code flow domains describe NAME}. */
  @Command(name = "describe", description = "A domain's status, description and retention.")
  static final class Describe extends CliCommand {
    @Parameters(arity = "0..1", paramLabel = "NAME", description = "the domain [default: --domain]")
    String name;

    @Option(names = "--json", description = "print {name, status, description, retentionDays}")
    boolean json;

    @Override
    int run() {
      String domain = name != null ? name : root().domain();
      DescribeDomainResponse r;
      try (Engine engine = engine()) {
        r = engine.swf().describeDomain(b -> b.name(domain));
      }
      String retention = r.configuration().workflowExecutionRetentionPeriodInDays();
      if (json) {
        ObjectNode o = DomainsCommand.json(r.domainInfo());
        o.put("retentionDays", retention);
        printJson(o);
        return 0;
      }
      out().println("domain       " + r.domainInfo().name());
      out().println("status       " + r.domainInfo().statusAsString());
      out()
          .println(
              "description  "
                  + (r.domainInfo().description() == null ? "-" : r.domainInfo().description()));
      out().println("retention    " + retention + " days");
      return 0;
    }
  }
}
