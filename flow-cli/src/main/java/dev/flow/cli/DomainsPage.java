package dev.flow.cli;

import static dev.flow.cli.WebPage.page;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.DomainInfo;
import software.amazon.awssdk.services.swf.model.RegistrationStatus;

/** The domains page: every registered domain, with links to its executions and its types. */
final class DomainsPage {
  private final SwfClient swf;

  DomainsPage(SwfClient swf) {
    this.swf = swf;
  }

  /** The first registered domain, which the pages show when none is asked for; null if none. */
  static String defaultDomain(SwfClient swf) {
    List<DomainInfo> domains =
        swf.listDomains(r -> r.registrationStatus(RegistrationStatus.REGISTERED)).domainInfos();
    return domains.isEmpty() ? null : domains.get(0).name();
  }

  void render(HttpExchange exchange) throws IOException {
    List<DomainInfo> domains =
        swf.listDomains(r -> r.registrationStatus(RegistrationStatus.REGISTERED)).domainInfos();
    page(
        exchange,
        200,
        "Domains",
        h -> {
          h.raw("<table><tr><th>Domain</th><th>Description</th><th></th></tr>");
          for (DomainInfo d : domains) {
            h.raw("<tr><td><a")
                .attr("href", "/executions?domain=" + Html.q(d.name()))
                .raw(">")
                .text(d.name())
                .raw("</a></td><td>")
                .text(d.description())
                .raw("</td><td><a")
                .attr("href", "/types?domain=" + Html.q(d.name()))
                .raw(">types</a></td></tr>");
          }
          h.raw("</table>");
        });
  }
}
