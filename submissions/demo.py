"""Demo NGO submissions in every status, drawn from issues NGOs really raise with the platform.

Idempotent: a submission is recognised by its title and organisation, a comment period by its road map.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from participants import services as participants_services
from participants.models import Organization, User
from recommendations.models import Mechanism, RoadMap, Theme
from submissions import services
from submissions.models import CommentPeriod, Submission
from submissions.services import SubmissionData

KIBHR = "Kazakhstan International Bureau for Human Rights and Rule of Law"
CRISIS_CENTRES = "Union of Crisis Centres of Kazakhstan"
S = Submission.Status

# (organisation, kind, final status, title, text, justification, theme slug, public answer)
SUBMISSIONS = [
    (KIBHR, "proposal", S.ACCEPTED, "Bring the definition of torture in line with the Convention against Torture",
     "Amend article 146 of the Criminal Code so that the definition of torture covers every element of article 1 "
     "of the Convention, and exclude torture from amnesty and from the statute of limitations.",
     "The Committee against Torture repeated this recommendation in its concluding observations; the UPR "
     "recommendations on torture prevention point the same way.", "torture-prevention",
     "Accepted. The Ministry of Justice will include the amendment in the draft law on the Criminal Code; the "
     "proposal is now in the recommendations tracker."),
    (KIBHR, "agenda", S.UNDER_REVIEW, "Access of the national preventive mechanism to closed institutions",
     "Discuss the obstacles members of the national preventive mechanism meet when visiting psychiatric "
     "hospitals and special boarding schools without notice.", "", "torture-prevention", ""),
    (CRISIS_CENTRES, "proposal", S.SUBMITTED, "Make domestic violence a separate criminal offence",
     "Introduce a separate article on domestic violence in the Criminal Code, covering physical, psychological "
     "and economic violence, with protection orders available to every victim.",
     "CEDAW concluding observations and supported UPR recommendations ask for it; crisis centres see the "
     "consequences of reconciliation procedures every day.", "domestic-violence", ""),
    (CRISIS_CENTRES, "shadow_report", S.PARTLY_ACCEPTED, "Alternative report to CEDAW on violence against women",
     "Findings of 18 crisis centres on the protection of women from violence: shelters, protection orders, "
     "police response and legal aid.", "", "domestic-violence",
     "Partly accepted. The findings on shelters and legal aid are forwarded to the working subgroup preparing "
     "the national report; the figures on police response need sources before they can be used."),
    (CRISIS_CENTRES, "agenda", S.DECLINED, "Presentation of a crisis centre's annual report",
     "Ten minutes for the annual report of one crisis centre at the next plenary meeting.", "", "",
     "Declined: plenary time is kept for questions that concern several bodies. Please send the report to the "
     "working subgroup instead."),
    (KIBHR, "proposal", S.WITHDRAWN, "Public register of complaints about torture",
     "Publish anonymised statistics of complaints about torture each quarter.", "", "torture-prevention", ""),
]


def _pdf(title: str) -> ContentFile[bytes]:
    body = f"%PDF-1.4\n% {title}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    return ContentFile(body.encode(), name="alternative-report-cedaw.pdf")


def _crisis_centre_person() -> User | None:
    organization = Organization.objects.filter(name=CRISIS_CENTRES).first()
    if organization is None:
        return None
    user = User.objects.filter(email="crisis.centres@example.org").first() or participants_services.user_upsert(
        email="crisis.centres@example.org", role=User.Role.NGO, first_name="Zarina", last_name="Omarova",
    )
    participants_services.membership_set(user=user, organization=organization, position="Legal adviser")
    return user


def _advance(submission: Submission, status: str, *, author: User, secretariat: User, answer: str) -> None:
    if status == S.DRAFT:
        return
    if status == S.WITHDRAWN:
        services.submission_withdraw(actor=author, submission=submission)
        return
    services.submission_submit(actor=author, submission=submission)
    if status == S.SUBMITTED:
        return
    if status == S.DECLINED:
        services.submission_decide(actor=secretariat, submission=submission, status=status, public_answer=answer)
        return
    services.submission_start_review(actor=secretariat, submission=submission)
    if status == S.UNDER_REVIEW:
        services.submission_note_add(actor=secretariat, submission=submission,
                                     note="Ask the Ministry of Health which institutions refused visits in 2025.")
        return
    services.submission_decide(actor=secretariat, submission=submission, status=status, public_answer=answer)
    if submission.kind == Submission.Kind.PROPOSAL:
        services.submission_convert_to_recommendation(actor=secretariat, submission=submission)


def seed() -> dict[str, int]:
    secretariat = User.objects.filter(email="secretariat@example.org", is_active=True).first()
    kibhr_person = User.objects.filter(email="ngo@example.org", is_active=True).first()
    if secretariat is None or kibhr_person is None:
        return {"submissions": 0}
    authors = {KIBHR: kibhr_person, CRISIS_CENTRES: _crisis_centre_person()}
    road_map = RoadMap.objects.order_by("number").first()
    now = timezone.now()
    period = None
    if road_map is not None:
        period = CommentPeriod.objects.filter(road_map=road_map).first() or services.comment_period_open(
            actor=secretariat, road_map=road_map, opens_at=now - dt.timedelta(days=3),
            closes_at=now + dt.timedelta(days=30),
            description="Comments on the actions, deadlines and indicators of the road map are welcome.",
        )
    cedaw = Mechanism.objects.filter(code="cedaw").first()
    created = 0
    rows = list(SUBMISSIONS)
    if period is not None:
        rows.append((KIBHR, "comment", S.DRAFT, "Indicators for the actions of the road map",
                     "Each action should have a measurable indicator and a named responsible unit, not only a "
                     "ministry.", "", "", ""))
    for org_name, kind, status, title, text, justification, theme_slug, answer in rows:
        author = authors.get(org_name)
        if author is None or Submission.objects.filter(title=title, organization__name=org_name).exists():
            continue
        theme = Theme.objects.filter(slug=theme_slug).first() if theme_slug else None
        data = SubmissionData(
            title=title, text=text, justification=justification, themes=[theme] if theme else [],
            comment_period=period if kind == "comment" else None,
            mechanism=cedaw if kind == "shadow_report" else None,
            road_map=road_map if kind == "proposal" and theme_slug == "torture-prevention" else None,
        )
        if kind == "shadow_report":
            data.document = _pdf(title)
        submission, _new = services.submission_create(actor=author, kind=kind, data=data)
        _advance(submission, status, author=author, secretariat=secretariat, answer=answer)
        created += 1
    return {"submissions": created}
