"""Drop three foreign-key indexes that a wider index already serves (every bulk-imported row was written
into each of them for nothing): indicators by project — (project, position); revisions by project —
unique (project, version); projects by department — unique (department, year, name).

The indexes are dropped by name rather than by AlterField: on SQLite, AlterField copies the whole table
into a new one, which would also drop the search index's triggers on ``projects_project`` (0004).
"""

import django.db.models.deletion
from django.db import migrations, models

INDEXES = [
    ("projects_indicator_project_id_580a29d4", "projects_indicator", "project_id"),
    ("projects_revision_project_id_d7484301", "projects_revision", "project_id"),
    ("projects_project_department_id_2d73b0cf", "projects_project", "department_id"),
]


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0001_initial'),
        ('projects', '0005_list_sort_indexes'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL(f'DROP INDEX IF EXISTS "{name}"',
                                                   f'CREATE INDEX "{name}" ON "{table}" ("{column}")')
                                 for name, table, column in INDEXES],
            state_operations=[
                migrations.AlterField(
                    model_name='indicator',
                    name='project',
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='indicators', to='projects.project'),
                ),
                migrations.AlterField(
                    model_name='project',
                    name='department',
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='projects', to='accounts.department', verbose_name='申报单位'),
                ),
                migrations.AlterField(
                    model_name='revision',
                    name='project',
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='revisions', to='projects.project'),
                ),
            ],
        ),
    ]
