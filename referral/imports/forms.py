"""Forms of the import pages."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, HiddenField, RadioField, SelectField
from wtforms.fields.choices import SelectChoice

from referral.imports.uploads import FORMATS


class UploadForm(FlaskForm):
    """Choose a format and a file; the dry run comes first."""

    format = SelectField(
        "Format du fichier", choices=[SelectChoice(code, label) for code, label in FORMATS.items()]
    )
    file = FileField("Fichier", validators=[FileRequired("Choisissez un fichier.")])
    extra = FileField("Fichier complémentaire (facultatif)")
    partial = BooleanField("Garder les lignes valides même si d'autres sont refusées")
    overwrite = BooleanField("Écraser les champs modifiés à la main par les partenaires")


class ConfirmForm(FlaskForm):
    """Confirm the import of an upload after its dry run."""

    token = HiddenField()
    partial = HiddenField()
    overwrite = HiddenField()


class ResolveForm(FlaskForm):
    """Decide on a possible duplicate."""

    decision = RadioField(
        "Décision",
        choices=[
            SelectChoice("keep_first", "Fusionner dans la première fiche"),
            SelectChoice("keep_second", "Fusionner dans la seconde fiche"),
            SelectChoice("distinct", "Ce sont deux fiches distinctes"),
        ],
    )
