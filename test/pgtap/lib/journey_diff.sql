-- Included by pgTAP files of the customer model (\ir lib/journey_diff.sql).
--
-- pg_temp.journey_diff: journeys stored vs journeys from scratch, the
-- customers whose stored journeys (channels, events, first and last seen)
-- differ.
CREATE VIEW pg_temp.journey_diff AS
SELECT coalesce(r.customer, c.customer) AS customer
FROM (SELECT t.customer, journey.journey_agg(t.ts, t.channel, t.value::float8) AS channels,
		journey.journey_agg(t.ts, t.event, t.value::float8) AS events, min(t.ts) AS first_seen, max(t.ts) AS last_seen
	  FROM journey.touchpoints t GROUP BY t.customer) r
FULL JOIN journey.customer_journey_data c USING (customer)
WHERE r.channels::text IS DISTINCT FROM c.channels::text OR r.events::text IS DISTINCT FROM c.events::text
   OR r.first_seen IS DISTINCT FROM c.first_seen OR r.last_seen IS DISTINCT FROM c.last_seen;
