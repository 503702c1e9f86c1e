# vblint HTTP service: non-root, offline, with the spaCy model baked in from its wheel.
#
#   docker build --build-context models=../shared/models -t vblint .
#   docker run -p 8000:8000 -e VBLINT_API_KEYS='{"case-system": "sha256:..."}' vblint
#
# The "models" build context is the directory holding en_core_web_sm-3.7.1-py3-none-any.whl.

FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md CHANGELOG.md LICENSE mkdocs.yml ./
COPY src ./src
COPY server ./server
COPY patterns ./patterns
COPY docs ./docs
COPY scripts/rule_pages.py ./scripts/
# The documentation, built into the package: the service serves it at /guide/ with no internet.
RUN pip install --no-cache-dir . "mkdocs>=1.6" "mkdocs-material>=9.5" \
    && NO_MKDOCS_2_WARNING=1 mkdocs build --strict --site-dir server/vblint_server/site
RUN pip wheel --no-cache-dir --wheel-dir /wheels ".[server]"
COPY --from=models en_core_web_sm-3.7.1-py3-none-any.whl /wheels/

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN --mount=type=bind,from=build,source=/wheels,target=/wheels \
    pip install --no-index --find-links /wheels "vblint[server]" \
    && pip install --no-index --no-deps /wheels/en_core_web_sm-3.7.1-py3-none-any.whl \
    && useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin vblint
USER 10001
EXPOSE 8000
# Without VBLINT_API_KEYS the service refuses to listen on 0.0.0.0, by design.
CMD ["vblint", "serve", "--host", "0.0.0.0", "--port", "8000", "--workers", "2"]
