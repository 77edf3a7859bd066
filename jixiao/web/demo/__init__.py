"""The demo: the seed document (2020 target tables of 上海市商务委员会) and one user per role.

The passwords are printed and fixed: these accounts are for trying jixiao on one's own machine only.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from jixiao.web.accounts.models import ADMIN, EDITOR, REVIEWER, VIEWER
from jixiao.web.accounts.services import ensure_user
from jixiao.web.projects.importing import ImportResult, import_file
from jixiao.web.projects.models import Project
from jixiao.web.review import demo as review_demo
from jixiao.web.selfeval.demo import install_year

SEED_NAME = "shanghai-2020-commerce.txt"
COMMERCE = "上海市商务委员会"
EDUCATION = "上海市教育委员会"


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    role: str
    department: str | None
    description: str


DEMO_USERS = (
    DemoUser("shangwu-editor", "demo-shangwu-editor", EDITOR, COMMERCE, "商务委 部门编辑 / editor, commerce"),
    DemoUser("jiaowei-editor", "demo-jiaowei-editor", EDITOR, EDUCATION,
             "教委 部门编辑（看不到商务委项目）/ editor of another department"),
    DemoUser("shangwu-viewer", "demo-shangwu-viewer", VIEWER, COMMERCE, "商务委 只读 / viewer, commerce"),
    DemoUser("caizheng-reviewer", "demo-caizheng-reviewer", REVIEWER, None, "财政 审核（全部只读）/ reviewer"),
    DemoUser("admin", "demo-admin", ADMIN, None, "管理员 / administrator"),
)


def seed_bytes() -> bytes:
    return resources.files(__package__).joinpath(SEED_NAME).read_bytes()


def install() -> ImportResult:
    """Import the seed (nothing changes when it is already there), (re)set the demo users, and add the
    rest of the year — monitoring and self-evaluations — where it is not there yet."""
    result = import_file(None, SEED_NAME, seed_bytes())
    users = {u.username: ensure_user(u.username, u.password, u.role, u.department) for u in DEMO_USERS}
    install_year(users["shangwu-editor"], users["caizheng-reviewer"],
                 list(Project.objects.filter(department__name=COMMERCE, year=2020).order_by("pk")))
    review_demo.install(users["shangwu-editor"], users["caizheng-reviewer"],
                        list(Project.objects.filter(department__name=COMMERCE, year=2020)))
    return result
