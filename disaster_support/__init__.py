"""Multilingual disaster-support and living-information service."""
from flask import Flask


def create_app(test_config=None):
    """Application factory: defaults, then the environment, then the test mapping."""
    from . import (config, db, devices, health, http_cache, i18n, log_redaction, pdf_fonts, pdf_tags, pdf_work,
                   security, translate)

    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(config.read_settings())
    if test_config:
        app.config.from_mapping(test_config)
    config.finish_config(app.config, app.instance_path)
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        MAX_CONTENT_LENGTH=2 * 1024 * 1024,
    )

    i18n.init_app(app)
    db.init_app(app)
    devices.init_app(app)
    log_redaction.init_app(app)
    security.init_app(app)
    pdf_work.init_app(app)
    pdf_fonts.install()  # CJK fonts embedded without empty glyph slots: smaller, faster PDFs
    pdf_tags.install()  # tagged PDFs: /Lang per language block, ruby as Ruby
    http_cache.init_app(app)

    from .auth import bp as auth_bp
    from .auth.cli import users_cli
    from .auth.routes import login_manager
    from .board import bp as board_bp
    from .board.cli import board_cli, outbox_command
    from .errors import bp as errors_bp
    from .gallery import bp as pictograms_bp
    from .living import bp as living_bp
    from .living.cli import living_cli
    from .main import bp as main_bp
    from .messages import bp as messages_bp
    from .review import bp as review_bp
    from .sheets import bp as sheets_bp
    from .sheets import qr_bp
    from .sheets import kit_jobs
    from .sheets.cleanup import cleanup_command
    from .sheets.cli import sheets_cli

    login_manager.init_app(app)
    kit_jobs.init_app(app)
    for blueprint in (errors_bp, main_bp, sheets_bp, qr_bp, pictograms_bp, living_bp, messages_bp, auth_bp, board_bp,
                      review_bp):
        app.register_blueprint(blueprint)
    for command in (sheets_cli, living_cli, users_cli, board_cli, outbox_command, cleanup_command):
        app.cli.add_command(command)

    app.cli.add_command(translate.translate_cli)
    app.cli.add_command(health.doctor_command)
    from .demo import demo_command
    from .export import export_static_command

    app.cli.add_command(demo_command)
    app.cli.add_command(export_static_command)
    return app
