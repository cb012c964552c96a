"""SageMaker rules: the integration (SMI), request shapes against botocore's model (SMS),
cross-field rules of the SageMaker API (SMX), reliability and cost advice (CST), security
policy (SEC) and organisation policy from configuration (POL).

Each family is a plugin of its own (see ``families.py``).
"""
