package dev.scheduling.reminders.sns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scheduling.reminders.Reminder;
import dev.scheduling.reminders.ReminderPublisher;
import dev.scheduling.reminders.ReminderTexts;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Publishes reminders to one SNS topic with message structure {@code json}: a readable text for email and SMS, a JSON
 * document for SQS, Lambda and HTTP subscribers, and attributes subscribers can filter on ({@code eventType},
 * {@code userId}, {@code appointmentId}, {@code reminderOffset}, {@code reminderId}, the last stable per appointment,
 * offset and start so that duplicates can be dropped).
 */
public class SnsReminderPublisher implements ReminderPublisher {

    static final String EVENT_TYPE = "AppointmentReminder";

    private final SnsClient sns;
    private final String topicArn;
    private final ObjectMapper json = new ObjectMapper();

    public SnsReminderPublisher(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    @Override
    public void publish(Reminder reminder) {
        sns.publish(PublishRequest.builder()
                                  .topicArn(topicArn)
                                  .subject(ReminderTexts.subject(reminder))
                                  .messageStructure("json")
                                  .message(message(reminder))
                                  .messageAttributes(attributes(reminder))
                                  .build());
    }

    private String message(Reminder reminder) {
        try {
            String text = ReminderTexts.text(reminder);
            String document = json.writeValueAsString(ReminderTexts.document(reminder));
            Map<String, String> perProtocol = new LinkedHashMap<>();
            perProtocol.put("default", text);
            perProtocol.put("email", text);
            perProtocol.put("sms", text);
            perProtocol.put("sqs", document);
            perProtocol.put("lambda", document);
            perProtocol.put("http", document);
            perProtocol.put("https", document);
            return json.writeValueAsString(perProtocol);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot render reminder " + reminder.reminderId(), e);
        }
    }

    private static Map<String, MessageAttributeValue> attributes(Reminder reminder) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("eventType", text(EVENT_TYPE));
        attributes.put("userId", text(reminder.userId()));
        attributes.put("appointmentId", text(reminder.appointmentId()));
        attributes.put("reminderOffset", text(reminder.offset().toString()));
        attributes.put("reminderId", text(reminder.reminderId()));
        return attributes;
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
