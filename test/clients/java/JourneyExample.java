/*
 * journey from Java through JDBC (the PostgreSQL JDBC driver, pgjdbc).
 *
 * Records touchpoints, listens for stage changes, reads a funnel and an
 * attribution table, and handles errors by SQLSTATE.  Connects to the server
 * named by PGHOST, PGPORT, PGUSER and PGDATABASE (pgjdbc does not read them
 * itself); a PGHOST starting with "/" is a Unix-socket directory, reached
 * through junixsocket's socket factory.  The database must have the
 * extension and an empty customer model.  Prints TAP lines and ends with
 * "N passed, N failed"; exits non-zero when a check failed.
 *
 *   javac -cp /usr/share/java/postgresql.jar -d /tmp/je JourneyExample.java
 *   java -cp /tmp/je:/usr/share/java/postgresql.jar:/usr/share/java/junixsocket-common.jar JourneyExample
 */

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

public final class JourneyExample
{
	private static int passed;
	private static int failed;

	private static void ok(boolean condition, String description)
	{
		if (condition)
			passed++;
		else
			failed++;
		System.out.println((condition ? "ok " : "not ok ") + (passed + failed) + " - " + description);
	}

	private static OffsetDateTime utc(String isoLocal)
	{
		return OffsetDateTime.parse(isoLocal + "Z");
	}

	private static String env(String name, String fallback)
	{
		String v = System.getenv(name);
		return v == null || v.isEmpty() ? fallback : v;
	}

	/* Connection settings from the libpq environment variables. */
	private static Connection connect() throws SQLException
	{
		String host = env("PGHOST", "localhost");
		String port = env("PGPORT", "5432");
		String user = env("PGUSER", System.getProperty("user.name"));
		String db = env("PGDATABASE", user);
		Properties props = new Properties();
		props.setProperty("user", user);
		String pw = System.getenv("PGPASSWORD");
		if (pw != null)
			props.setProperty("password", pw);
		if (host.startsWith("/"))
		{
			/* A socket directory: pgjdbc speaks TCP only, junixsocket bridges */
			props.setProperty("socketFactory", "org.newsclub.net.unix.AFUNIXSocketFactory$FactoryArg");
			props.setProperty("socketFactoryArg", host + "/.s.PGSQL." + port);
			host = "localhost";
		}
		return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + db, props);
	}

	/* --- the application's data access: one method per API call --------- */

	private static void addChannel(Connection c, String name, String department, boolean online,
								   boolean direct) throws SQLException
	{
		try (PreparedStatement ps = c.prepareStatement(
				"SELECT journey.add_channel(name => ?, department => ?, online => ?, direct => ?)"))
		{
			ps.setString(1, name);
			ps.setString(2, department);
			ps.setBoolean(3, online);
			ps.setBoolean(4, direct);
			ps.execute();
		}
	}

	/* Records a touch; returns the touchpoint id. */
	private static long recordTouchpoint(Connection c, String customer, String channel, String event,
										 OffsetDateTime at, BigDecimal value) throws SQLException
	{
		try (PreparedStatement ps = c.prepareStatement(
				"SELECT journey.record_touchpoint(customer => ?, channel => ?, event => ?, at => ?, value => ?)"))
		{
			ps.setString(1, customer);
			ps.setString(2, channel);
			ps.setString(3, event);
			ps.setObject(4, at);			/* timestamptz */
			if (value == null)
				ps.setNull(5, Types.NUMERIC);
			else
				ps.setBigDecimal(5, value);
			try (ResultSet rs = ps.executeQuery())
			{
				rs.next();
				return rs.getLong(1);
			}
		}
	}

	private static void setStage(Connection c, String customer, String model, String stage,
								 OffsetDateTime at, String reason) throws SQLException
	{
		try (PreparedStatement ps = c.prepareStatement(
				"SELECT journey.set_stage(customer => ?, model => ?, stage => ?, at => ?, reason => ?)"))
		{
			ps.setString(1, customer);
			ps.setString(2, model);
			ps.setString(3, stage);
			ps.setObject(4, at);
			ps.setString(5, reason);
			ps.execute();
		}
	}

	/* Stitches an alias to a customer; returns the touchpoints moved. */
	private static long linkIdentity(Connection c, String alias, String customer, String source)
		throws SQLException
	{
		try (PreparedStatement ps = c.prepareStatement(
				"SELECT journey.link_identity(alias => ?, customer => ?, source => ?)"))
		{
			ps.setString(1, alias);
			ps.setString(2, customer);
			ps.setString(3, source);
			try (ResultSet rs = ps.executeQuery())
			{
				rs.next();
				return rs.getLong(1);
			}
		}
	}

	/* One value from a one-parameter query. */
	private static long queryLong(Connection c, String sql, String param) throws SQLException
	{
		try (PreparedStatement ps = c.prepareStatement(sql))
		{
			if (param != null)
				ps.setString(1, param);
			try (ResultSet rs = ps.executeQuery())
			{
				rs.next();
				return rs.getLong(1);
			}
		}
	}

	/* Waits until `count` notifications have arrived, at most timeoutMs. */
	private static List<PGNotification> waitFor(Connection listener, int count, long timeoutMs)
		throws SQLException
	{
		PGConnection pg = listener.unwrap(PGConnection.class);
		List<PGNotification> got = new ArrayList<>();
		long deadline = System.currentTimeMillis() + timeoutMs;
		while (got.size() < count)
		{
			long left = deadline - System.currentTimeMillis();
			if (left <= 0)
				break;
			/* blocks until a notification arrives or the time is up */
			PGNotification[] ns = pg.getNotifications((int) left);
			if (ns != null)
				got.addAll(List.of(ns));
		}
		return got;
	}

	/*
	 * The payload is JSON; instead of adding a JSON library we let the server
	 * read it.  Returns "customer model from to at reason" (at in UTC).
	 */
	private static String describePayload(Connection c, String payload) throws SQLException
	{
		try (PreparedStatement ps = c.prepareStatement(
				"SELECT concat_ws(' ', p->>'customer', p->>'model', coalesce(p->>'from', '-'), p->>'to',"
				+ " (p->>'at')::timestamptz AT TIME ZONE 'UTC', coalesce(p->>'reason', '-'))"
				+ " FROM (SELECT ?::jsonb AS p) s"))
		{
			ps.setString(1, payload);
			try (ResultSet rs = ps.executeQuery())
			{
				rs.next();
				return rs.getString(1);
			}
		}
	}

	private static void run() throws SQLException
	{
		try (Connection conn = connect(); Connection listener = connect())
		{
			/* Marketing automation listens on its own connection. */
			try (Statement st = listener.createStatement())
			{
				st.execute("LISTEN journey_stage");
			}

			/* 1. Channels, touchpoints, identity stitching, stage changes */
			addChannel(conn, "web", "marketing", true, false);
			addChannel(conn, "email", "marketing", true, false);
			addChannel(conn, "store", "sales", false, false);
			addChannel(conn, "direct", "marketing", true, true);
			try (PreparedStatement ps = conn.prepareStatement(
					"SELECT count(*) FROM journey.channels WHERE name = ANY(?)"))
			{
				ps.setArray(1, conn.createArrayOf("text", new String[] {"web", "email", "store", "direct"}));
				try (ResultSet rs = ps.executeQuery())
				{
					rs.next();
					ok(rs.getLong(1) == 4, "four channels configured");
				}
			}

			long first = recordTouchpoint(conn, "alice", "web", "visit", utc("2026-01-05T10:00"), null);
			long second = recordTouchpoint(conn, "alice", "email", "cart", utc("2026-01-06T09:00"), null);
			ok(0 < first && first < second, "record_touchpoint returns increasing ids");
			setStage(conn, "alice", "lifecycle", "discovery", utc("2026-01-05T10:00"), null);

			/*
			 * The order: purchase and stage change commit together (the
			 * notification is delivered at commit).
			 */
			conn.setAutoCommit(false);
			try
			{
				recordTouchpoint(conn, "alice", "store", "purchase", utc("2026-01-08T15:00"),
								 new BigDecimal("120.00"));
				setStage(conn, "alice", "lifecycle", "purchase", utc("2026-01-08T15:00"), "order 1001");
				conn.commit();
			}
			catch (SQLException e)
			{
				conn.rollback();
				throw e;
			}
			finally
			{
				conn.setAutoCommit(true);
			}

			List<PGNotification> notes = waitFor(listener, 2, 10000);
			ok(notes.size() == 2, "listener received 2 journey_stage notifications (got " + notes.size() + ")");
			ok(notes.size() >= 1 && notes.get(0).getName().equals("journey_stage")
			   && describePayload(conn, notes.get(0).getParameter())
			   .equals("alice lifecycle - discovery 2026-01-05 10:00:00 -"),
			   "first notification: alice entered discovery");
			ok(notes.size() >= 2
			   && describePayload(conn, notes.get(1).getParameter())
			   .equals("alice lifecycle discovery purchase 2026-01-08 15:00:00 order 1001"),
			   "second notification: alice moved from discovery to purchase (order 1001)");

			conn.setAutoCommit(false);
			try
			{
				recordTouchpoint(conn, "bob", "web", "visit", utc("2026-01-05T11:00"), null);
				recordTouchpoint(conn, "bob", "web", "cart", utc("2026-01-20T11:00"), null);
				recordTouchpoint(conn, "dave", "store", "purchase", utc("2026-01-09T12:00"),
								 new BigDecimal("50.00"));
				conn.commit();
			}
			catch (SQLException e)
			{
				conn.rollback();
				throw e;
			}
			finally
			{
				conn.setAutoCommit(true);
			}

			/* An anonymous cookie logs in as carol. */
			recordTouchpoint(conn, "cookie-7f3a", "web", "visit", utc("2026-01-10T08:00"), null);
			long moved = linkIdentity(conn, "cookie-7f3a", "carol", "web cookie");
			ok(moved == 1, "link_identity moved the cookie's touchpoint to carol");
			long tid = recordTouchpoint(conn, "cookie-7f3a", "email", "cart", utc("2026-01-11T08:00"), null);
			try (PreparedStatement ps = conn.prepareStatement(
					"SELECT customer FROM journey.touchpoints WHERE id = ?"))
			{
				ps.setLong(1, tid);
				try (ResultSet rs = ps.executeQuery())
				{
					ok(rs.next() && rs.getString(1).equals("carol"),
					   "a touchpoint recorded for the cookie belongs to carol");
				}
			}
			recordTouchpoint(conn, "carol", "direct", "purchase", utc("2026-01-12T08:00"),
							 new BigDecimal("80.00"));

			/* 2. The funnel */
			Map<String, Integer> funnel = new TreeMap<>();
			try (PreparedStatement ps = conn.prepareStatement(
					"SELECT customer,"
					+ "       journey.window_funnel(?::interval, ts, event = ?, event = ?, event = ?) AS reached"
					+ "  FROM journey.touchpoints GROUP BY customer"))
			{
				ps.setString(1, "7 days");
				ps.setString(2, "visit");
				ps.setString(3, "cart");
				ps.setString(4, "purchase");
				try (ResultSet rs = ps.executeQuery())
				{
					while (rs.next())
						funnel.put(rs.getString("customer"), rs.getInt("reached"));
				}
			}
			System.out.println("# funnel: " + funnel);
			ok(funnel.equals(Map.of("alice", 3, "bob", 1, "carol", 3, "dave", 0)),
			   "funnel levels: alice 3, bob 1, carol 3, dave 0");

			/* 3. Attribution */
			ok(queryLong(conn, "SELECT journey.refresh_journeys()", null) == 4,
			   "refresh_journeys updated 4 customers");

			/* markov_model returns journey.credit[]: unnest it in SQL into rows */
			Map<String, double[]> markov = new TreeMap<>();
			try (Statement st = conn.createStatement();
				 ResultSet rs = st.executeQuery(
					 "SELECT (unnest(journey.markov_model(path, conversions, value, nulls))).*"
					 + "  FROM journey.marketing_paths"))
			{
				while (rs.next())
					markov.put(rs.getString("label"), new double[] {
						rs.getDouble("conversions"), rs.getDouble("value"), rs.getDouble("weight")});
			}
			double conv = 0, value = 0, weight = 0;
			for (Map.Entry<String, double[]> e : markov.entrySet())
			{
				System.out.printf("# markov: %s conversions %.4f value %.2f%n",
								  e.getKey(), e.getValue()[0], e.getValue()[1]);
				conv += e.getValue()[0];
				value += e.getValue()[1];
				weight += e.getValue()[2];
			}
			long conversions = queryLong(conn, "SELECT sum(conversions) FROM journey.marketing_paths", null);
			ok(Math.abs(conv - conversions) < 1e-9 && Math.abs(value - 250) < 1e-9
			   && Math.abs(weight - 1) < 1e-9,
			   "markov credits sum to the 3 conversions and their value 250");
			ok(markov.containsKey("web") && Math.abs(markov.get("web")[0] - 6.0 / 7) < 1e-9,
			   "markov: web earns 6/7 of a conversion");

			Map<String, Double> credits = new TreeMap<>();
			try (PreparedStatement ps = conn.prepareStatement(
					"SELECT a.label, sum(a.credit)"
					+ "  FROM journey.customer_journeys cj"
					+ "  JOIN (SELECT customer, min(ts) AS purchased FROM journey.touchpoints"
					+ "         WHERE event = ? GROUP BY customer) p USING (customer),"
					+ "       journey.attribute(cj.journey, ?, conversion_time => p.purchased) a"
					+ " GROUP BY a.label"))
			{
				ps.setString(1, "purchase");
				ps.setString(2, "last_non_direct");
				try (ResultSet rs = ps.executeQuery())
				{
					while (rs.next())
						credits.put(rs.getString(1), rs.getDouble(2));
				}
			}
			System.out.println("# last_non_direct: " + credits);
			ok(credits.equals(Map.of("direct", 0.0, "email", 1.0, "store", 2.0, "web", 0.0)),
			   "last_non_direct: store 2, email 1, direct and web 0");
			double total = credits.values().stream().mapToDouble(Double::doubleValue).sum();
			long buyers = queryLong(conn,
									"SELECT count(DISTINCT customer) FROM journey.touchpoints WHERE event = ?",
									"purchase");
			ok(Math.abs(total - buyers) < 1e-9, "attributed credits sum to the 3 converted customers");

			/* 4. Errors: SQLException.getSQLState() */
			conn.setAutoCommit(false);
			try
			{
				recordTouchpoint(conn, "erin", "web", "visit", utc("2026-01-15T10:00"), null);
				recordTouchpoint(conn, "erin", "fax", "visit", utc("2026-01-15T10:05"), null);
				conn.commit();
				ok(false, "unknown channel: SQLSTATE 23503 (no error raised)");
			}
			catch (SQLException e)
			{
				conn.rollback();
				if (e instanceof PSQLException)
				{
					ServerErrorMessage m = ((PSQLException) e).getServerErrorMessage();
					System.out.println("# " + m.getMessage() + " (hint: " + m.getHint() + ")");
				}
				ok("23503".equals(e.getSQLState()), "unknown channel: SQLSTATE 23503");
			}
			finally
			{
				conn.setAutoCommit(true);
			}
			ok(queryLong(conn, "SELECT count(*) FROM journey.customers WHERE id = ?", "erin") == 0,
			   "the batch with the bad touchpoint was rolled back");

			try (PreparedStatement ps = conn.prepareStatement("SELECT journey.length(?::journey.journey)"))
			{
				ps.setString(1, "web@not a time");
				ps.executeQuery().close();
				ok(false, "malformed journey text: SQLSTATE 22P02 (no error raised)");
			}
			catch (SQLException e)
			{
				System.out.println("# " + e.getMessage().split("\n")[0]);
				ok("22P02".equals(e.getSQLState()), "malformed journey text: SQLSTATE 22P02");
			}

			try (PreparedStatement ps = conn.prepareStatement("SELECT * FROM journey.attribute(?::text[], ?)"))
			{
				ps.setArray(1, conn.createArrayOf("text", new String[] {"web", "email"}));
				ps.setString(2, "u_shaped");
				ps.executeQuery().close();
				ok(false, "unknown attribution model: SQLSTATE 22023 (no error raised)");
			}
			catch (SQLException e)
			{
				System.out.println("# " + e.getMessage().split("\n")[0]);
				ok("22023".equals(e.getSQLState()), "unknown attribution model: SQLSTATE 22023");
			}

			ok(queryLong(conn, "SELECT count(*) FROM journey.touchpoints", null) == 9,
			   "nothing else was recorded");
		}
	}

	public static void main(String[] args)
	{
		try
		{
			run();
		}
		catch (Exception e)
		{
			/* an unexpected error is a failure, not a crash */
			ok(false, "unexpected " + e);
		}
		System.out.println(passed + " passed, " + failed + " failed");
		System.exit(failed == 0 ? 0 : 1);
	}
}
