package dev.flow.cli;

import static dev.flow.cli.WebPage.page;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.RegistrationStatus;

/** The types page: a domain's workflow and activity types, with links to each one's executions. */
final class TypesPage {
  private final SwfClient swf;

  TypesPage(SwfClient swf) {
    this.swf = swf;
  }

  void render(HttpExchange exchange, Map<String, String> q) throws IOException {
    String domain = q.getOrDefault("domain", DomainsPage.defaultDomain(swf));
    var workflows =
        swf.listWorkflowTypes(
                r -> r.domain(domain).registrationStatus(RegistrationStatus.REGISTERED))
            .typeInfos();
    var activities =
        swf.listActivityTypes(
                r -> r.domain(domain).registrationStatus(RegistrationStatus.REGISTERED))
            .typeInfos();
    page(
        exchange,
        200,
        "Types in " + domain,
        h -> {
          h.raw(
              "<h2>Workflow types</h2><table><tr><th>Name</th><th>Version</th><th>Registered</th>"
                  + "<th></th></tr>");
          for (var t : workflows) {
            h.raw("<tr>")
                .el("td", t.workflowType().name())
                .el("td", t.workflowType().version())
                .el("td", Format.time(t.creationDate()))
                .raw("<td><a")
                .attr(
                    "href",
                    "/executions?domain="
                        + Html.q(domain)
                        + "&type="
                        + Html.q(t.workflowType().name()))
                .raw(">executions</a></td></tr>");
          }
          h.raw(
              "</table><h2>Activity types</h2><table><tr><th>Name</th><th>Version</th>"
                  + "<th>Registered</th></tr>");
          for (var t : activities) {
            h.raw("<tr>")
                .el("td", t.activityType().name())
                .el("td", t.activityType().version())
                .el("td", Format.time(t.creationDate()))
                .raw("</tr>");
          }
          h.raw("</table>");
        });
  }
}
