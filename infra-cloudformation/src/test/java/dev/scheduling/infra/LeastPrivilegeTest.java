package dev.scheduling.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every IAM statement that allows something names its actions and resources: no wildcard action, and a wildcard
 * resource only where AWS offers nothing narrower (listed here, each with its reason).
 */
class LeastPrivilegeTest {

    /** Actions AWS authorizes on resource "*" only. */
    private static final Set<String> ACTIONS_WITHOUT_RESOURCE_LEVEL = Set.of(
            "scheduler:ListSchedules",   // no resource-level permissions
            "cloudwatch:PutMetricData"); // no resource-level permissions; confined by a namespace condition

    /** ARNs ending in a wildcard because the names are chosen at run time, confined to our own group. */
    private static final Pattern RUNTIME_NAMED = Pattern.compile(
            "arn:\\$\\{AWS::Partition}:scheduler:\\$\\{AWS::Region}:\\$\\{AWS::AccountId}:schedule/scheduling-deadlines-\\$\\{EnvironmentSuffix}/\\*");

    @Test
    void no_template_allows_a_wildcard_action_or_an_unneeded_wildcard_resource() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path template : Templates.all()) {
            violations.addAll(violations(template.getFileName().toString(), new YAMLMapper().readTree(template.toFile())));
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void the_templates_hold_policies_to_check() throws IOException {
        int statements = 0;
        for (Path template : Templates.all()) {
            statements += statements(new YAMLMapper().readTree(template.toFile())).size();
        }
        assertThat(statements).isGreaterThanOrEqualTo(10);
    }

    @Test
    void the_check_finds_wildcards() throws IOException {
        JsonNode bad = new YAMLMapper().readTree("""
                Resources:
                  Policy:
                    Type: AWS::IAM::ManagedPolicy
                    Properties:
                      PolicyDocument:
                        Statement:
                          - Effect: Allow
                            Action: dynamodb:*
                            Resource: arn:aws:dynamodb:eu-west-1:1:table/x
                          - Effect: Allow
                            Action: [sns:Publish]
                            Resource: "*"
                          - Effect: Allow
                            Action: sqs:SendMessage
                            Resource: arn:aws:sqs:eu-west-1:1:*
                """);
        assertThat(violations("bad.yaml", bad)).hasSize(3);
    }

    private static List<String> violations(String template, JsonNode root) {
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> located : statements(root)) {
            JsonNode statement = located.getValue();
            if (!"Allow".equals(statement.path("Effect").asText()) || !statement.has("Resource")) {
                continue; // denials narrow access; trust policies name principals, not resources
            }
            List<String> actions = texts(statement.get("Action"));
            List<String> resources = texts(statement.get("Resource"));
            String where = template + " " + located.getKey();
            actions.stream().filter(a -> a.contains("*")).forEach(a -> violations.add(where + ": wildcard action " + a));
            for (String resource : resources) {
                if (resource.equals("*")) {
                    if (!ACTIONS_WITHOUT_RESOURCE_LEVEL.containsAll(actions)) {
                        violations.add(where + ": resource * for " + actions);
                    }
                } else if (resource.contains("*") && !RUNTIME_NAMED.matcher(resource).matches()) {
                    violations.add(where + ": wildcard resource " + resource);
                }
            }
        }
        return violations;
    }

    /** Every statement of every policy document in the template, by where it is. */
    private static List<Map.Entry<String, JsonNode>> statements(JsonNode root) {
        List<Map.Entry<String, JsonNode>> found = new ArrayList<>();
        collect("", root, found);
        return found;
    }

    private static void collect(String path, JsonNode node, List<Map.Entry<String, JsonNode>> found) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().endsWith("PolicyDocument")) {
                    JsonNode statements = field.getValue().path("Statement");
                    for (int i = 0; i < statements.size(); i++) {
                        found.add(Map.entry(path + "/" + field.getKey() + "[" + i + "]", statements.get(i)));
                    }
                } else {
                    collect(path + "/" + field.getKey(), field.getValue(), found);
                }
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(path + "[" + i + "]", node.get(i), found);
            }
        }
    }

    private static List<String> texts(JsonNode node) {
        List<String> texts = new ArrayList<>();
        if (node == null) {
            return texts;
        }
        if (node.isArray()) {
            node.forEach(n -> texts.add(n.asText()));
        } else {
            texts.add(node.asText());
        }
        return texts;
    }
}
