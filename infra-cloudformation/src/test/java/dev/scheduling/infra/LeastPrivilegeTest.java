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
 * Every IAM statement that allows something names its actions and resources: no wildcard action, no {@code NotAction}
 * or {@code NotResource} (which allow everything but what they name), a wildcard resource only where AWS offers nothing
 * narrower (listed here, each with its reason), and no principal that is anyone ({@code "*"}). Values built with
 * {@code Fn::Join}, {@code Fn::If} and the like are checked in every part and branch.
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

    @Test
    void the_check_finds_statements_that_allow_all_but_what_they_name() throws IOException {
        JsonNode bad = new YAMLMapper().readTree("""
                Resources:
                  Policy:
                    Type: AWS::IAM::ManagedPolicy
                    Properties:
                      PolicyDocument:
                        Statement:
                          - Effect: Allow
                            Action: sns:Publish
                            NotResource: arn:aws:sns:eu-west-1:1:other
                          - Effect: Allow
                            NotAction: iam:*
                            Resource: arn:aws:sns:eu-west-1:1:topic
                          - Effect: Allow
                            Action: sns:Publish
                """);
        assertThat(violations("bad.yaml", bad)).hasSize(3)
                .anySatisfy(v -> assertThat(v).contains("NotResource"))
                .anySatisfy(v -> assertThat(v).contains("NotAction"))
                .anySatisfy(v -> assertThat(v).contains("names no resource"));
    }

    @Test
    void the_check_looks_into_joined_and_conditional_values() throws IOException {
        JsonNode bad = new YAMLMapper().readTree("""
                Resources:
                  Policy:
                    Type: AWS::IAM::ManagedPolicy
                    Properties:
                      PolicyDocument:
                        Statement:
                          - Effect: Allow
                            Action: sqs:SendMessage
                            Resource:
                              Fn::Join: ["", ["arn:aws:sqs:eu-west-1:1:", "*"]]
                          - Effect: Allow
                            Action: sns:Publish
                            Resource:
                              Fn::If: [IsProduction, arn:aws:sns:eu-west-1:1:topic, "*"]
                          - Effect: Allow
                            Action:
                              Fn::If: [IsProduction, sns:Publish, "sns:*"]
                            Resource: arn:aws:sns:eu-west-1:1:topic
                """);
        // each statement is found (the joined one twice: its part "*", and the whole it makes)
        assertThat(violations("bad.yaml", bad)).extracting(v -> v.substring(0, v.indexOf(": ")))
                                               .containsOnly("bad.yaml /Resources/Policy/Properties/PolicyDocument[0]",
                                                       "bad.yaml /Resources/Policy/Properties/PolicyDocument[1]",
                                                       "bad.yaml /Resources/Policy/Properties/PolicyDocument[2]")
                                               .hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void the_check_finds_a_principal_that_is_anyone() throws IOException {
        JsonNode bad = new YAMLMapper().readTree("""
                Resources:
                  QueuePolicy:
                    Type: AWS::SQS::QueuePolicy
                    Properties:
                      PolicyDocument:
                        Statement:
                          - Effect: Allow
                            Principal: "*"
                            Action: sqs:SendMessage
                            Resource: arn:aws:sqs:eu-west-1:1:queue
                          - Effect: Allow
                            Principal:
                              AWS: "*"
                            Action: sqs:SendMessage
                            Resource: arn:aws:sqs:eu-west-1:1:queue
                  Role:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Statement:
                          - Effect: Allow
                            Principal:
                              AWS: ["arn:aws:iam::1:root", "*"]
                            Action: sts:AssumeRole
                """);
        assertThat(violations("bad.yaml", bad)).hasSize(3).allSatisfy(v -> assertThat(v).contains("principal"));
    }

    private static List<String> violations(String template, JsonNode root) {
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> located : statements(root)) {
            JsonNode statement = located.getValue();
            String where = template + " " + located.getKey();
            if (!"Allow".equals(statement.path("Effect").asText())) {
                continue; // denials only narrow access
            }
            if (statement.has("Principal") && leaves(statement.get("Principal")).contains("*")) {
                violations.add(where + ": the principal is anyone (*)");
            }
            if (statement.has("NotAction")) {
                violations.add(where + ": NotAction allows every other action");
            }
            if (statement.has("NotResource")) {
                violations.add(where + ": NotResource allows every other resource");
            }
            boolean trustPolicy = located.getKey().contains("AssumeRolePolicyDocument");
            if (!trustPolicy && !statement.has("Resource") && !statement.has("NotResource")) {
                violations.add(where + ": names no resource");
            }
            List<String> actions = leaves(statement.get("Action"));
            actions.stream().filter(a -> a.contains("*")).forEach(a -> violations.add(where + ": wildcard action " + a));
            for (String resource : leaves(statement.get("Resource"))) {
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

    /**
     * Every text a value may take: a plain value as it is, and every scalar inside an intrinsic function (each part of
     * an {@code Fn::Join}, each branch of an {@code Fn::If}, the template of an {@code Fn::Sub}), so that a wildcard
     * inside one is found. A joined value is also checked whole, with its parts joined.
     */
    private static List<String> leaves(JsonNode node) {
        List<String> leaves = new ArrayList<>();
        if (node == null) {
            return leaves;
        }
        if (node.isArray()) {
            node.forEach(element -> leaves.addAll(leaves(element)));
        } else if (node.isObject()) {
            JsonNode join = node.get("Fn::Join");
            if (join != null && join.size() == 2 && join.get(1).isArray()) {
                StringBuilder joined = new StringBuilder();
                join.get(1).forEach(part -> joined.append(joined.isEmpty() ? "" : join.get(0).asText())
                                                   .append(part.isValueNode() ? part.asText() : "${...}"));
                leaves.add(joined.toString());
            }
            node.forEach(value -> leaves.addAll(leaves(value)));
        } else {
            leaves.add(node.asText());
        }
        return leaves;
    }
}
