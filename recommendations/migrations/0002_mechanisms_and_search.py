from __future__ import annotations

from django.db import migrations

# (code, acronym, name, kind, order). Names stay English in the database: they are proper names of UN bodies.
MECHANISMS = [
    ("upr", "UPR", "Universal Periodic Review", "upr", 10),
    ("cerd", "CERD", "Committee on the Elimination of Racial Discrimination", "treaty_body", 20),
    ("ccpr", "CCPR", "Human Rights Committee", "treaty_body", 21),
    ("cescr", "CESCR", "Committee on Economic, Social and Cultural Rights", "treaty_body", 22),
    ("cedaw", "CEDAW", "Committee on the Elimination of Discrimination against Women", "treaty_body", 23),
    ("cat", "CAT", "Committee against Torture", "treaty_body", 24),
    ("crc", "CRC", "Committee on the Rights of the Child", "treaty_body", 25),
    ("crpd", "CRPD", "Committee on the Rights of Persons with Disabilities", "treaty_body", 26),
    ("ced", "CED", "Committee on Enforced Disappearances", "treaty_body", 27),
    ("cmw", "CMW", "Committee on Migrant Workers", "treaty_body", 28),
    ("sp", "SP", "Special procedures of the Human Rights Council", "special_procedures", 40),
    ("ngo", "NGO", "NGO alternative reports", "ngo", 50),
    ("platform", "DP", "Dialogue Platform on the Human Dimension", "platform", 60),
]

# The tracker's full-text search reads search_vector; a trigger keeps it current on every write path
# (services, bulk imports, the admin, raw SQL), and the GIN index keeps the search fast at 100k rows.
POSTGRES_FORWARD = [
    """
    CREATE FUNCTION recommendations_rec_search_vector() RETURNS trigger AS $$
    BEGIN
      NEW.search_vector :=
        setweight(to_tsvector('english', coalesce(NEW.document_symbol, '') || ' ' || coalesce(NEW.paragraph, '')), 'A')
        || setweight(to_tsvector('english', coalesce(NEW.text, '')), 'B');
      RETURN NEW;
    END
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER recommendations_rec_search_vector_trg
    BEFORE INSERT OR UPDATE OF text, document_symbol, paragraph ON recommendations_recommendation
    FOR EACH ROW EXECUTE FUNCTION recommendations_rec_search_vector();
    """,
    "CREATE INDEX recommendations_rec_search_idx ON recommendations_recommendation USING gin (search_vector);",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS recommendations_rec_search_idx;",
    "DROP TRIGGER IF EXISTS recommendations_rec_search_vector_trg ON recommendations_recommendation;",
    "DROP FUNCTION IF EXISTS recommendations_rec_search_vector();",
]


def add_mechanisms(apps, schema_editor):
    Mechanism = apps.get_model("recommendations", "Mechanism")
    for code, acronym, name, kind, order in MECHANISMS:
        Mechanism.objects.update_or_create(
            code=code, defaults={"acronym": acronym, "name": name, "kind": kind, "sort_order": order}
        )


def search_forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES_FORWARD:
            schema_editor.execute(sql)


def search_backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES_BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("recommendations", "0001_initial")]

    operations = [
        migrations.RunPython(add_mechanisms, migrations.RunPython.noop),
        migrations.RunPython(search_forward, search_backward),
    ]
